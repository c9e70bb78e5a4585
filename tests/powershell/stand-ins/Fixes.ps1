# Stand-ins for what the fix scripts read and change on a Windows server, shaped like the real objects, and a runner that
# calls a fix script as the app does (one base64 UTF-8 JSON argument) and hands back its one result line.
# Dot-source from BeforeAll after tests/powershell/stand-ins/Remoting.ps1.

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

# Get-Service WinRM: a ServiceController's Status and StartType are enums, printed by name.
function New-ExreadyServiceStandIn {
    param(
        [System.ServiceProcess.ServiceControllerStatus]$Status,
        [System.ServiceProcess.ServiceStartMode]$StartType
    )
    [pscustomobject]@{
        PSTypeName  = 'System.ServiceProcess.ServiceController'
        # Name is the type's alias of ServiceName.
        ServiceName = 'WinRM'
        DisplayName = 'Windows Remote Management (WS-Management)'
        Status      = $Status
        StartType   = $StartType
    }
}

# A WSMan: provider leaf (WSManConfigLeafElement): SourceOfValue is "GPO" when Group Policy owns the value.
function New-ExreadyWsmanLeafStandIn {
    param([string]$Name, [string]$Value, [string]$SourceOfValue)
    [pscustomobject]@{
        PSTypeName    = 'Microsoft.WSMan.Management.WSManConfigLeafElement'
        Name          = $Name
        Value         = $Value
        Type          = 'System.String'
        SourceOfValue = $(if ($SourceOfValue) { $SourceOfValue } else { $null })
    }
}

# One item of Get-WSManInstance winrm/config/Listener: an XmlElement in the cfg namespace, Source as an attribute.
function New-ExreadyListenerStandIn {
    param(
        [string]$Address = '*',
        [string]$Transport = 'HTTPS',
        [int]$Port = 5986,
        [string]$Hostname = '',
        [string]$Enabled = 'true',
        [string]$CertificateThumbprint = '',
        [string]$Source
    )
    $namespace = 'http://schemas.microsoft.com/wbem/wsman/1/config/listener'
    $document = [System.Xml.XmlDocument]::new()
    $listener = $document.CreateElement('cfg', 'Listener', $namespace)
    if ($Source) { $listener.SetAttribute('Source', $Source) }
    $values = [ordered]@{
        Address = $Address; Transport = $Transport; Port = [string]$Port; Hostname = $Hostname; Enabled = $Enabled
        URLPrefix = 'wsman'; CertificateThumbprint = $CertificateThumbprint; ListeningOn = '10.0.0.11'
    }
    foreach ($name in $values.Keys) {
        $element = $document.CreateElement('cfg', $name, $namespace)
        $element.InnerText = $values[$name]
        [void]$listener.AppendChild($element)
    }
    [void]$document.AppendChild($listener)
    $listener
}

function Set-ExreadyListenerValue {
    param([System.Xml.XmlElement]$Listener, [string]$Name, [string]$Value)
    $Listener.GetElementsByTagName($Name, $Listener.NamespaceURI)[0].InnerText = $Value
}

# A real certificate as Cert:\LocalMachine\My holds it: CN and SAN, Enhanced Key Usages (or no EKU extension), validity,
# with or without its private key.
function New-ExreadyCertificateStandIn {
    param(
        [string]$Subject = 'CN=exch01.contoso.com',
        [string[]]$DnsNames = @(),
        [string[]]$Usages = @('1.3.6.1.5.5.7.3.1'),
        [switch]$NoUsageExtension,
        [int]$NotBeforeDays = -30,
        [int]$NotAfterDays = 365,
        [switch]$WithoutPrivateKey
    )
    $key = [System.Security.Cryptography.RSA]::Create(2048)
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($DnsNames.Count -gt 0) {
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        foreach ($name in $DnsNames) { $san.AddDnsName($name) }
        $request.CertificateExtensions.Add($san.Build())
    }
    if (-not $NoUsageExtension) {
        $oids = [System.Security.Cryptography.OidCollection]::new()
        foreach ($usage in $Usages) { [void]$oids.Add([System.Security.Cryptography.Oid]::new($usage)) }
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($oids, $false))
    }
    $now = [DateTimeOffset]::UtcNow
    $certificate = $request.CreateSelfSigned($now.AddDays($NotBeforeDays), $now.AddDays($NotAfterDays))
    if ($WithoutPrivateKey) { return [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificate($certificate.RawData) }
    $certificate
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
