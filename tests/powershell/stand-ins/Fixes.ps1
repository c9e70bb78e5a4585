# Stand-ins for what the fix scripts read and change on a Windows server, shaped like the real objects, and a runner that
# calls a fix script as the app does (one base64 UTF-8 JSON argument) and hands back its one result line.
# Dot-source from BeforeAll after tests/powershell/stand-ins/Remoting.ps1.

# The Windows objects (ServiceController, WSMan leaves and listeners, certificates) are shared with the collector tests.
. (Join-Path $PSScriptRoot 'WindowsObjects.ps1')

$script:fixesRoot = Join-Path $PSScriptRoot '../../../resources/powershell/fixes'

function Get-ExreadyFixScriptPath {
    param([Parameter(Mandatory)][string]$Name)
    (Resolve-Path -LiteralPath (Join-Path $script:fixesRoot $Name)).Path
}

function ConvertTo-ExreadyFixArgument {
    param([Parameter(Mandatory)]$Parameters)
    [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($Parameters | ConvertTo-Json -Depth 8 -Compress)))
}

# The script's output must be exactly one JSON line; answers it parsed (the TypeScript side reads the same line).
function Read-ExreadyFixResult {
    param([Parameter(Mandatory)][AllowEmptyCollection()][object[]]$Output)
    $lines = @($Output | ForEach-Object { [string]$_ })
    if ($lines.Count -ne 1) { throw "expected one result line, got $($lines.Count): $($lines -join ' | ')" }
    $result = $lines[0] | ConvertFrom-Json
    foreach ($name in 'exreadyResult', 'status', 'changed', 'before', 'after', 'message', 'error') {
        if (-not $result.PSObject.Properties[$name]) { throw "the result line has no '$name': $($lines[0])" }
    }
    $result
}

# What Invoke-Command does with a script block: arguments and output cross PSRP serialisation.
function Invoke-ExreadyRemoteBlock {
    param([scriptblock]$ScriptBlock, [object[]]$ArgumentList)
    $remoted = @($ArgumentList | ConvertTo-ExreadyRemoted)
    & $ScriptBlock @remoted | ConvertTo-ExreadyRemoted
}

# Microsoft.PowerShell.Commands.PrincipalSource, as Get-LocalGroupMember prints it.
enum ExreadyPrincipalSource { Unknown; Local; ActiveDirectory; AzureAD; MicrosoftAccount }

# A Get-LocalGroupMember item (LocalPrincipal). SecurityIdentifier cannot be built off Windows: the SID stands in with its
# Value and its ToString, the two things callers read.
function New-ExreadyLocalPrincipalStandIn {
    param([string]$Name, [string]$Sid, [string]$ObjectClass = 'User', [ExreadyPrincipalSource]$PrincipalSource = 'ActiveDirectory')
    $identifier = [pscustomobject]@{ PSTypeName = 'System.Security.Principal.SecurityIdentifier'; Value = $Sid }
    $identifier | Add-Member -MemberType ScriptMethod -Name ToString -Value { $this.Value } -Force
    [pscustomobject]@{
        PSTypeName      = 'Microsoft.PowerShell.Commands.LocalPrincipal'
        Name            = $Name
        SID             = $identifier
        ObjectClass     = $ObjectClass
        PrincipalSource = $PrincipalSource
    }
}

# What NTAccount.Translate throws for a name no domain knows, as PowerShell surfaces it.
function New-ExreadyIdentityNotMappedError {
    [System.Management.Automation.MethodInvocationException]::new(
        'Exception calling "Translate" with "1" argument(s): "Some or all identity references could not be translated."',
        [System.SystemException]::new('Some or all identity references could not be translated.'))
}

# The Windows-only commands the fix scripts call, with the parameters they use (each test mocks what it needs;
# an unmocked call fails loudly). Resolve-ExreadyAccountSid is the fix's own NTAccount.Translate, which needs Windows.
function Get-Service { param([Parameter(Position = 0)][string[]]$Name) throw "Get-Service $Name is not stood in" }
function Set-Service { param([Parameter(Position = 0)][string]$Name, [System.ServiceProcess.ServiceStartMode]$StartupType) throw 'Set-Service is not stood in' }
function Start-Service { param([Parameter(Position = 0)][string[]]$Name) throw 'Start-Service is not stood in' }
function Stop-Service { param([Parameter(Position = 0)][string[]]$Name, [switch]$Force, [switch]$NoWait) throw 'Stop-Service is not stood in' }
function New-ScheduledTaskAction { param([string]$Execute, [string]$Argument) throw 'New-ScheduledTaskAction is not stood in' }
function New-ScheduledTaskPrincipal { param([string]$UserId, [string]$LogonType, [string]$RunLevel) throw 'New-ScheduledTaskPrincipal is not stood in' }
function Register-ScheduledTask { param([Parameter(Position = 0)][string]$TaskName, $Action, $Principal, [switch]$Force) throw 'Register-ScheduledTask is not stood in' }
function Start-ScheduledTask { param([Parameter(Position = 0)][string]$TaskName) throw 'Start-ScheduledTask is not stood in' }
function Get-WSManInstance { param([Parameter(Position = 0)][string]$ResourceURI, [hashtable]$SelectorSet, [switch]$Enumerate) throw 'Get-WSManInstance is not stood in' }
function Set-WSManInstance { param([Parameter(Position = 0)][string]$ResourceURI, [hashtable]$SelectorSet, [hashtable]$ValueSet) throw 'Set-WSManInstance is not stood in' }
function New-WSManInstance { param([Parameter(Position = 0)][string]$ResourceURI, [hashtable]$SelectorSet, [hashtable]$ValueSet) throw 'New-WSManInstance is not stood in' }
function Remove-WSManInstance { param([Parameter(Position = 0)][string]$ResourceURI, [hashtable]$SelectorSet) throw 'Remove-WSManInstance is not stood in' }
function New-SelfSignedCertificate { param([string[]]$DnsName, [string]$CertStoreLocation) throw 'New-SelfSignedCertificate is not stood in' }
function Get-LocalGroup { param([string]$SID) throw 'Get-LocalGroup is not stood in' }
function Get-LocalGroupMember { param([string]$SID) throw 'Get-LocalGroupMember is not stood in' }
function Add-LocalGroupMember { param([string]$SID, [object[]]$Member) throw 'Add-LocalGroupMember is not stood in' }
function Remove-LocalGroupMember { param([string]$SID, [object[]]$Member) throw 'Remove-LocalGroupMember is not stood in' }
function Resolve-ExreadyAccountSid { param([string]$Account) throw 'Resolve-ExreadyAccountSid is not stood in' }
function Get-ADComputer { param([Parameter(Position = 0)]$Identity, [string[]]$Properties) throw 'Get-ADComputer is not stood in' }
function Set-ADAccountControl { param([Parameter(ValueFromPipeline)]$Identity, [bool]$TrustedForDelegation) throw 'Set-ADAccountControl is not stood in' }
