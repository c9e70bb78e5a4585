# Stands in for the Windows data sources so the real collector scripts run anywhere PowerShell 7 runs (tests, demos).
# Reads the lab document (electron/lab/powershell-lab.ts) from $env:EXREADY_LAB_FILE; the current server is
# set by the stand-in Invoke-Command (per runspace, so jobs of two phases can run at once). Everything these functions return is simulated.
# Import it with -Global before running the scripts: functions win over cmdlets of the same name.

$script:labModulePath = $PSCommandPath
$script:labServer = $null

function Get-ExreadyLabDocument {
    Get-Content -LiteralPath $env:EXREADY_LAB_FILE -Raw -Encoding UTF8 | ConvertFrom-Json
}

function Get-ExreadyLabServer {
    $name = $script:labServer
    $lab = Get-ExreadyLabDocument
    $server = @($lab.exchangeServers) | Where-Object { $_.fqdn -eq $name } | Select-Object -First 1
    if ($null -eq $server) { $server = @($lab.syncServers) | Where-Object { $_.fqdn -eq $name } | Select-Object -First 1 }
    if ($null -eq $server) { throw "The lab has no server named $name." }
    $server
}

# Throws the lab's error when the lab makes this part fail on the current server, as the real cmdlet would.
function Assert-ExreadyLabPart {
    param([string]$Part)
    $server = Get-ExreadyLabServer
    if ($server.PSObject.Properties['failing'] -and $server.failing -and $server.failing.PSObject.Properties[$Part]) {
        throw [string]$server.failing.$Part
    }
    $server
}

function Get-Service {
    param([string]$Name, $ErrorAction)
    $server = Assert-ExreadyLabPart 'winrmService'
    [pscustomobject]@{ Name = $Name; Status = [int]$server.service.Status; StartType = [int]$server.service.StartType }
}

function Get-WSManInstance {
    param([string]$ResourceURI, [switch]$Enumerate, $ErrorAction)
    $server = Assert-ExreadyLabPart 'listeners'
    @($server.listeners)
}

function Get-Item {
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath)
    if ($Path -like 'WSMan:*CbtHardeningLevel') {
        $server = Assert-ExreadyLabPart 'serviceAuth'
        return [pscustomobject]@{ Name = 'CbtHardeningLevel'; Value = $server.cbt.Value; SourceOfValue = $server.cbt.SourceOfValue }
    }
    if ($Path -like 'WSMan:*TrustedHosts') {
        $server = Get-ExreadyLabServer
        return [pscustomobject]@{ Name = 'TrustedHosts'; Value = $server.trustedHosts.Value; SourceOfValue = $server.trustedHosts.SourceOfValue }
    }
    if ($LiteralPath) { return Microsoft.PowerShell.Management\Get-Item -LiteralPath $LiteralPath }
    Microsoft.PowerShell.Management\Get-Item -Path $Path
}

function Get-PSSessionConfiguration {
    param($ErrorAction)
    $server = Assert-ExreadyLabPart 'sessionConfigurations'
    @($server.sessionConfigurations)
}

function Get-LocalGroupMember {
    param([string]$SID, $ErrorAction)
    $part = 'administrators'
    if ($SID -eq 'S-1-5-32-580') { $part = 'remoteManagementUsers' }
    $server = Assert-ExreadyLabPart $part
    foreach ($member in @($server.groups.$SID)) {
        if ($null -eq $member) { continue }
        $memberSid = $null
        if ($member.SID) { $memberSid = [pscustomobject]@{ Value = [string]$member.SID } }
        [pscustomobject]@{ Name = $member.Name; SID = $memberSid; ObjectClass = $member.ObjectClass; PrincipalSource = $member.PrincipalSource }
    }
}

function Get-ChildItem {
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath)
    if ($Path -notlike 'Cert:*') {
        if ($LiteralPath) { return Microsoft.PowerShell.Management\Get-ChildItem -LiteralPath $LiteralPath }
        return Microsoft.PowerShell.Management\Get-ChildItem -Path $Path
    }
    $server = Assert-ExreadyLabPart 'certificates'
    foreach ($certificate in @($server.certificates)) {
        if ($null -eq $certificate) { continue }
        [pscustomobject]@{
            Thumbprint           = $certificate.Thumbprint
            Subject              = $certificate.Subject
            DnsNameList          = @($certificate.DnsNames | ForEach-Object { [pscustomobject]@{ Unicode = [string]$_ } })
            NotBefore            = [DateTime]::Parse($certificate.NotBefore, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
            NotAfter             = [DateTime]::Parse($certificate.NotAfter, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
            HasPrivateKey        = [bool]$certificate.HasPrivateKey
            EnhancedKeyUsageList = @($certificate.EnhancedKeyUsages | ForEach-Object { [pscustomobject]@{ ObjectId = [string]$_ } })
        }
    }
}

function Get-NetFirewallRule {
    param([string]$Direction, $ErrorAction)
    $server = Assert-ExreadyLabPart 'firewallRules'
    @($server.firewallRules) | Where-Object { $null -ne $_ -and ($Direction -eq '' -or ($Direction -eq 'Inbound' -and $_.Direction -eq 1)) }
}

function Get-NetFirewallPortFilter {
    param([switch]$All, $ErrorAction)
    $server = Assert-ExreadyLabPart 'firewallRules'
    foreach ($rule in @($server.firewallRules)) {
        if ($null -ne $rule) { [pscustomobject]@{ InstanceID = $rule.InstanceID; Protocol = $rule.Protocol; LocalPort = @($rule.LocalPort) } }
    }
}

function Get-NetFirewallAddressFilter {
    param([switch]$All, $ErrorAction)
    $server = Assert-ExreadyLabPart 'firewallRules'
    foreach ($rule in @($server.firewallRules)) {
        if ($null -ne $rule) { [pscustomobject]@{ InstanceID = $rule.InstanceID; RemoteAddress = @($rule.RemoteAddress) } }
    }
}

function New-PSSessionOption {
    param([int]$OpenTimeout, [int]$OperationTimeout)
    [pscustomobject]@{ OpenTimeout = $OpenTimeout; OperationTimeout = $OperationTimeout }
}

# Runs the script block once per lab server, in this process, as if remoting had carried it there; with -AsJob, in a
# thread job (the block travels as text, as remoting sends it) so the collector's phases overlap as they do on Windows.
function Invoke-Command {
    param(
        [string[]]$ComputerName,
        [scriptblock]$ScriptBlock,
        [object[]]$ArgumentList = @(),
        [int]$ThrottleLimit,
        [switch]$UseSSL,
        [int]$Port,
        $SessionOption,
        [switch]$AsJob,
        $ErrorAction
    )
    if ($AsJob) {
        return Start-ThreadJob -ArgumentList $script:labModulePath, $ComputerName, $ScriptBlock.ToString(), $ArgumentList -ScriptBlock {
            param($LabModule, $Computers, $Text, $Arguments)
            Import-Module -Name $LabModule -Global -Force
            Invoke-Command -ComputerName $Computers -ScriptBlock ([scriptblock]::Create($Text)) -ArgumentList $Arguments
        }
    }
    $lab = Get-ExreadyLabDocument
    foreach ($computer in $ComputerName) {
        $server = @($lab.exchangeServers) + @($lab.syncServers) | Where-Object { $_.fqdn -eq $computer } | Select-Object -First 1
        if ($null -eq $server) {
            $message = "Connecting to remote server $computer failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved."
            Write-Error -Message $message -ErrorId 'ComputerNotFound,PSSessionStateBroken' -Category OpenError -TargetObject $computer -ErrorAction Continue
            continue
        }
        if ($server.PSObject.Properties['silent'] -and $server.silent) { continue }
        if ($server.unreachable) {
            Write-Error -Message $server.unreachable.message -ErrorId $server.unreachable.fullyQualifiedErrorId -Category OpenError -TargetObject $computer -ErrorAction Continue
            continue
        }
        $script:labServer = $computer
        foreach ($result in @(& $ScriptBlock @ArgumentList)) {
            $result | Add-Member -NotePropertyName PSComputerName -NotePropertyValue $computer -Force -PassThru
        }
    }
    $script:labServer = $null
}

$labFunctions = @(
    'Get-Service', 'Get-WSManInstance', 'Get-Item', 'Get-PSSessionConfiguration', 'Get-LocalGroupMember', 'Get-ChildItem',
    'Get-NetFirewallRule', 'Get-NetFirewallPortFilter', 'Get-NetFirewallAddressFilter', 'New-PSSessionOption', 'Invoke-Command',
    'Get-ExreadyLabDocument', 'Get-ExreadyLabServer', 'Assert-ExreadyLabPart'
)
Export-ModuleMember -Function $labFunctions
