# Prints the WinRM and certificate parts of a stood-in Exchange server as the jump host prints them (after remoting), for
# the TypeScript reader test: each case is one part run on Windows-shaped stand-ins (tests/powershell/stand-ins).
$ErrorActionPreference = 'Stop'
$standIns = Join-Path $PSScriptRoot '../stand-ins'
$collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
. (Join-Path $standIns 'Remoting.ps1')
. (Join-Path $standIns 'WindowsObjects.ps1')
foreach ($name in 'Invoke-ExreadyPart.ps1', 'Get-ExreadyWinrmService.ps1', 'Get-ExreadyWinrmListeners.ps1', 'Get-ExreadyWinrmServiceAuth.ps1', 'Get-ExreadyCertificates.ps1') {
    . (Join-Path $collect $name)
}
# A German Exchange server: PowerShell's DnsNameList there holds no SAN name.
Install-ExreadyWindowsCertificateTypeData -Language de-DE

# What each stood-in cmdlet answers; functions shadow the cmdlets of the same name.
$answers = @{}
function Get-Service { param([string[]]$Name, $ErrorAction) & $answers.service }
function Get-WSManInstance { param([string]$ResourceURI, [switch]$Enumerate, $ErrorAction) & $answers.listeners }
function Get-Item { param([string]$Path, $ErrorAction) & $answers.leaf }
function Get-ChildItem { param([string]$Path, $ErrorAction) & $answers.certificates }

function Get-RemotedPart {
    param([scriptblock]$Collect)
    ([pscustomobject]@{ part = Invoke-ExreadyPart $Collect } | ConvertTo-ExreadyRemoted).part
}

$thumbprint = 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334'
$answers.service = { New-ExreadyServiceStandIn -Status Stopped -StartType Disabled }
$answers.listeners = {
    New-ExreadyListenerStandIn -Transport HTTP -Port 5985
    New-ExreadyListenerStandIn -Transport HTTPS -Port 5986 -Hostname 'exch01.contoso.com' -CertificateThumbprint $thumbprint -Source GPO
}
$answers.leaf = { New-ExreadyWsmanLeafStandIn -Name CbtHardeningLevel -Value Strict -SourceOfValue GPO }
$answers.certificates = {
    New-ExreadyCertificateStandIn -Subject 'CN=mail.contoso.com, O=Contoso' -DnsNames 'mail.contoso.com', 'exch01.contoso.com'
    New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -Usages '1.3.6.1.5.5.7.3.2' -NotBeforeDays -400 -NotAfterDays -2 -WithoutPrivateKey
}
$cases = [ordered]@{
    winrmService = Get-RemotedPart { Get-ExreadyWinrmService }
    listeners    = Get-RemotedPart { Get-ExreadyWinrmListeners }
    serviceAuth  = Get-RemotedPart { Get-ExreadyWinrmServiceAuth }
    certificates = Get-RemotedPart { Get-ExreadyCertificates }
}
$answers.listeners = { }
$answers.certificates = { }
$cases.noListener = Get-RemotedPart { Get-ExreadyWinrmListeners }
$cases.emptyStore = Get-RemotedPart { Get-ExreadyCertificates }
$answers.certificates = { throw 'Access is denied.' }
$cases.unreadableStore = Get-RemotedPart { Get-ExreadyCertificates }
[Console]::Out.WriteLine(([pscustomobject]$cases | ConvertTo-Json -Compress -Depth 10))
