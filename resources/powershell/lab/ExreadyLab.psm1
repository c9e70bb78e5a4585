# Stands in for the Windows data sources so the real collector scripts run anywhere PowerShell 7 runs (tests, demos).
# Reads the lab document (electron/lab/powershell-lab.ts) from $env:EXREADY_LAB_FILE; the current server is
# set by the stand-in Invoke-Command (per runspace, so jobs of two phases can run at once). Everything these functions return is simulated.
# Import it with -Global before running the scripts: functions win over cmdlets of the same name.

$script:labModulePath = $PSCommandPath
$script:labServer = $null

# The server whose state the stand-ins return in this runspace (each lab server's script runs in its own runspace).
function Set-ExreadyLabCurrentServer {
    param([string]$Name)
    $script:labServer = $Name
}

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

# Advanced functions take -ErrorAction as a common parameter: declaring it again would break them on real pwsh.
function Get-Item {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Path, [string]$LiteralPath)
    if ($Path -like 'WSMan:*CbtHardeningLevel') {
        $server = Assert-ExreadyLabPart 'serviceAuth'
        return [pscustomobject]@{ Name = 'CbtHardeningLevel'; Value = $server.cbt.Value; SourceOfValue = $server.cbt.SourceOfValue }
    }
    if ($Path -like 'WSMan:*TrustedHosts') {
        $server = Get-ExreadyLabServer
        return [pscustomobject]@{ Name = 'TrustedHosts'; Value = $server.trustedHosts.Value; SourceOfValue = $server.trustedHosts.SourceOfValue }
    }
    Microsoft.PowerShell.Management\Get-Item @PSBoundParameters
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
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][string]$Path,
        [string]$LiteralPath,
        [Parameter(Position = 1)][string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude,
        [switch]$Recurse,
        [switch]$File,
        [switch]$Directory,
        [switch]$Force
    )
    if ($Path -notlike 'Cert:*') { return Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters }
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

# NetSecurity honours -PolicyStore: without it the PersistentStore (local rules only), RSOP the Group Policy rules,
# ActiveStore both, as on Windows.
function Get-ExreadyLabFirewallRules {
    param([string]$PolicyStore)
    $server = Assert-ExreadyLabPart 'firewallRules'
    if (-not $PolicyStore) { $PolicyStore = 'PersistentStore' }
    @($server.firewallRules) | Where-Object { $null -ne $_ -and ($PolicyStore -eq 'ActiveStore' -or [string]$_.PolicyStoreSource -eq $PolicyStore) }
}

function Get-NetFirewallRule {
    param([string]$Direction, [string]$PolicyStore, $ErrorAction)
    Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore | Where-Object { $Direction -eq '' -or ($Direction -eq 'Inbound' -and $_.Direction -eq 1) } | ForEach-Object {
        [pscustomobject]@{
            InstanceID = $_.InstanceID; Name = $_.Name; DisplayName = $_.DisplayName; Enabled = $_.Enabled; Direction = $_.Direction
            Action = $_.Action; Profile = $_.Profile; PolicyStoreSourceType = $_.PolicyStoreSourceType; PolicyStoreSource = $_.PolicyStoreSource
        }
    }
}

function Get-NetFirewallPortFilter {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    foreach ($rule in @(Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore)) {
        [pscustomobject]@{ InstanceID = $rule.InstanceID; Protocol = $rule.Protocol; LocalPort = @($rule.LocalPort) }
    }
}

function Get-NetFirewallAddressFilter {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    foreach ($rule in @(Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore)) {
        [pscustomobject]@{ InstanceID = $rule.InstanceID; RemoteAddress = @($rule.RemoteAddress) }
    }
}

function Get-NetFirewallApplicationFilter {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    foreach ($rule in @(Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore)) {
        [pscustomobject]@{ InstanceID = $rule.InstanceID; Program = $rule.Program; Package = $rule.Package }
    }
}

function Get-NetFirewallServiceFilter {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    foreach ($rule in @(Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore)) {
        [pscustomobject]@{ InstanceID = $rule.InstanceID; Service = $rule.Service }
    }
}

function Get-NetFirewallInterfaceFilter {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    foreach ($rule in @(Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore)) {
        [pscustomobject]@{ InstanceID = $rule.InstanceID; InterfaceAlias = @($rule.InterfaceAlias) }
    }
}

function Get-NetFirewallInterfaceTypeFilter {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    foreach ($rule in @(Get-ExreadyLabFirewallRules -PolicyStore $PolicyStore)) {
        [pscustomobject]@{ InstanceID = $rule.InstanceID; InterfaceType = [int]$rule.InterfaceType }
    }
}

# The profiles fail where the lab makes the rules fail: one NetSecurity module serves both.
function Get-NetFirewallProfile {
    param([switch]$All, [string]$PolicyStore, $ErrorAction)
    $server = Assert-ExreadyLabPart 'firewallRules'
    foreach ($state in @($server.firewallProfiles)) {
        if ($null -ne $state) { [pscustomobject]@{ Name = $state.Name; Enabled = [int]$state.Enabled; DefaultInboundAction = [int]$state.DefaultInboundAction } }
    }
}

function New-PSSessionOption {
    param([int]$OpenTimeout, [int]$OperationTimeout)
    [pscustomobject]@{ OpenTimeout = $OpenTimeout; OperationTimeout = $OperationTimeout }
}

# What remoting hands back: each output object serialised at depth 1 and deserialised (Deserialized.* property
# bags, AutomationNull properties as {}), with the note properties Invoke-Command adds.
function ConvertTo-ExreadyLabRemoted {
    param($InputObject, [string]$ComputerName, [guid]$RunspaceId)
    $remoted = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject, 1))
    if ($remoted -isnot [psobject]) { $remoted = [psobject]$remoted }
    $remoted | Add-Member -NotePropertyName PSComputerName -NotePropertyValue $ComputerName -Force
    $remoted | Add-Member -NotePropertyName RunspaceId -NotePropertyValue $RunspaceId -Force
    $remoted | Add-Member -NotePropertyName PSShowComputerName -NotePropertyValue $true -Force
    $remoted
}

# Runs the script block once per lab server, each in a runspace of its own (as a remote session is), and
# sends its output, errors and warnings back the way remoting does; with -AsJob, in a thread job, so the
# collector's phases overlap as they do on Windows.
function Invoke-Command {
    [CmdletBinding()]
    param(
        [string[]]$ComputerName,
        [scriptblock]$ScriptBlock,
        [object[]]$ArgumentList = @(),
        [int]$ThrottleLimit,
        [switch]$UseSSL,
        [int]$Port,
        $SessionOption,
        [switch]$AsJob
    )
    if ($AsJob) {
        return Start-ThreadJob -ArgumentList $script:labModulePath, $ComputerName, $ScriptBlock.ToString(), $ArgumentList, $ThrottleLimit -ScriptBlock {
            param($LabModule, $Computers, $Text, $Arguments, $Throttle)
            Import-Module -Name $LabModule -Global -Force
            Invoke-Command -ComputerName $Computers -ScriptBlock ([scriptblock]::Create($Text)) -ArgumentList $Arguments -ThrottleLimit $Throttle
        }
    }
    $lab = Get-ExreadyLabDocument
    $modulePath = $script:labModulePath
    # Arguments cross the wire too; a list stays one argument (a pipeline would unroll it).
    $remoteArguments = New-Object System.Collections.Generic.List[object]
    foreach ($argument in $ArgumentList) {
        $remoteArguments.Add([System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($argument, 1)))
    }
    # Remoting fans out: up to ThrottleLimit sessions at once (32 by default), results in the order servers finish.
    $limit = 32
    if ($ThrottleLimit -gt 0) { $limit = $ThrottleLimit }
    $limit = [Math]::Min($limit, 64)
    $pending = New-Object System.Collections.Generic.Queue[string]
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
        $pending.Enqueue($computer)
    }
    $running = New-Object System.Collections.Generic.List[object]
    while ($pending.Count -gt 0 -or $running.Count -gt 0) {
        while ($running.Count -lt $limit -and $pending.Count -gt 0) {
            $computer = $pending.Dequeue()
            # Each server gets a runspace of its own, as a remote session is.
            $remote = [powershell]::Create()
            [void]$remote.AddCommand('Import-Module').AddParameter('Name', $modulePath).AddParameter('Global', $true).AddParameter('Force', $true)
            [void]$remote.AddStatement().AddCommand('Set-ExreadyLabCurrentServer').AddParameter('Name', $computer)
            [void]$remote.AddStatement().AddScript($ScriptBlock.ToString())
            foreach ($argument in $remoteArguments) { [void]$remote.AddArgument($argument) }
            $running.Add([pscustomobject]@{ computer = $computer; shell = $remote; handle = $remote.BeginInvoke() })
        }
        $handles = [System.Threading.WaitHandle[]]@($running | ForEach-Object { $_.handle.AsyncWaitHandle })
        $finished = $running[[System.Threading.WaitHandle]::WaitAny($handles)]
        [void]$running.Remove($finished)
        $computer = $finished.computer
        $remote = $finished.shell
        $runspaceId = [guid]::NewGuid()
        try {
            $output = $null
            try {
                $output = $remote.EndInvoke($finished.handle)
            } catch {
                # A terminating error ends that server's script only; the caller gets it as that server's error.
                $inner = $_.Exception
                while ($inner.InnerException) { $inner = $inner.InnerException }
                Write-Error -Message ([string]$inner.Message) -ErrorId 'RemoteScriptFailed' -Category OperationStopped -TargetObject $computer -ErrorAction Continue
            }
            foreach ($record in $remote.Streams.Warning) { Write-Warning -Message ([string]$record.Message) }
            foreach ($record in $remote.Streams.Error) {
                Write-Error -Message ([string]$record.Exception.Message) -ErrorId ([string]$record.FullyQualifiedErrorId) -Category $record.CategoryInfo.Category -TargetObject $computer -ErrorAction Continue
            }
            foreach ($result in @($output)) {
                if ($null -eq $result) { continue }
                ConvertTo-ExreadyLabRemoted -InputObject $result -ComputerName $computer -RunspaceId $runspaceId
            }
        } finally {
            $remote.Dispose()
        }
    }
}

# The lab's network: run inside a network namespace of its own (see tests/helpers/lab-powershell.ts), each server's
# ports are loopback listeners: reachable listens, refused has none, timed-out listens with a full backlog so SYNs
# are dropped as a firewall drops them. Started once per process, however many runspaces import the module.
function Start-ExreadyLabNetwork {
    if (-not $env:EXREADY_LAB_NETWORK -or [AppDomain]::CurrentDomain.GetData('ExreadyLabNetwork')) { return }
    $held = New-Object System.Collections.Generic.List[object]
    foreach ($server in @((Get-ExreadyLabDocument).exchangeServers)) {
        if ($null -eq $server.network) { continue }
        foreach ($port in @('5986', '5985')) {
            $outcome = [string]$server.network.ports.$port
            if ($outcome -ne 'reachable' -and $outcome -ne 'timed-out') { continue }
            $address = [System.Net.IPAddress]::Parse([string]$server.network.address)
            $listener = New-Object System.Net.Sockets.TcpListener($address, [int]$port)
            if ($outcome -eq 'reachable') { $listener.Start(512); $held.Add($listener); continue }
            $listener.Start(1)
            $held.Add($listener)
            # Two connections the listener never accepts fill a backlog of one; later SYNs go unanswered.
            for ($i = 0; $i -lt 2; $i++) {
                $filler = New-Object System.Net.Sockets.TcpClient
                [void]$filler.ConnectAsync($address, [int]$port).Wait(1000)
                $held.Add($filler)
            }
        }
    }
    [AppDomain]::CurrentDomain.SetData('ExreadyLabNetwork', $held)
}
Start-ExreadyLabNetwork

# The lab's Active Directory: [adsi] and [adsisearcher] become the stand-in over the lab document's directory, so the
# jump host's real LDAP scripts (computer objects, nested groups by SID) run against the servers the lab describes.
# Type accelerators are per process: loaded once, however many runspaces import the module.
function Initialize-ExreadyLabDirectory {
    $directory = (Get-ExreadyLabDocument).directory
    if ($null -eq $directory -or [AppDomain]::CurrentDomain.GetData('ExreadyLabDirectory')) { return }
    . (Join-Path $PSScriptRoot 'ExreadyLabDirectory.ps1')
    Install-ExreadyAdStandIn
    Add-ExreadyAdObject -DistinguishedName 'RootDSE' -Attributes @{
        defaultNamingContext       = [string]$directory.defaultNamingContext
        configurationNamingContext = [string]$directory.configurationNamingContext
    }
    Add-ExreadyAdObject -DistinguishedName ('CN=Partitions,' + $directory.configurationNamingContext) -Attributes @{ objectClass = @('top', 'crossRefContainer') }
    foreach ($domain in @($directory.domains)) {
        Add-ExreadyAdObject -DistinguishedName ('CN=' + $domain.netbiosName + ',CN=Partitions,' + $directory.configurationNamingContext) -Attributes @{
            objectClass = @('top', 'crossRef'); nCName = [string]$domain.namingContext; nETBIOSName = [string]$domain.netbiosName
        }
    }
    foreach ($principal in @($directory.principals)) {
        Add-ExreadyAdPrincipal -DistinguishedName $principal.dn -Class $principal.objectClass -Sid $principal.sid -SamAccountName $principal.samAccountName -Member @($principal.member)
    }
    foreach ($computer in @($directory.computers)) {
        Add-ExreadyAdPrincipal -DistinguishedName $computer.dn -Class computer -Sid $computer.sid -SamAccountName $computer.samAccountName
        $item = [ExreadyStandIn.DirectoryServices.StandInDirectory]::Objects[[ExreadyStandIn.DirectoryServices.StandInDirectory]::Objects.Count - 1]
        $item.Set('dNSHostName', [string]$computer.dnsHostName)
        $item.Set('userAccountControl', [int]$computer.userAccountControl)
        if (@($computer.allowedToDelegateTo).Count -gt 0) { $item.Set('msDS-AllowedToDelegateTo', [string[]]@($computer.allowedToDelegateTo)) }
        # The attribute holds a security descriptor; its presence is what the collector reads.
        if ($computer.allowedToActOnBehalfOfOtherIdentityPresent) { $item.Set('msDS-AllowedToActOnBehalfOfOtherIdentity', [byte[]](1, 0, 4, 128)) }
        if ($computer.searchError) { $item.SearchError = [string]$computer.searchError }
    }
    [AppDomain]::CurrentDomain.SetData('ExreadyLabDirectory', $true)
}
Initialize-ExreadyLabDirectory

$labFunctions = @(
    'Get-Service', 'Get-WSManInstance', 'Get-Item', 'Get-PSSessionConfiguration', 'Get-LocalGroupMember', 'Get-ChildItem',
    'Get-NetFirewallRule', 'Get-NetFirewallPortFilter', 'Get-NetFirewallAddressFilter', 'Get-NetFirewallApplicationFilter',
    'Get-NetFirewallServiceFilter', 'Get-NetFirewallInterfaceFilter', 'Get-NetFirewallInterfaceTypeFilter', 'Get-NetFirewallProfile',
    'Get-ExreadyLabFirewallRules', 'New-PSSessionOption', 'Invoke-Command',
    'ConvertTo-ExreadyLabRemoted', 'Set-ExreadyLabCurrentServer',
    'Get-ExreadyLabDocument', 'Get-ExreadyLabServer', 'Assert-ExreadyLabPart'
)
Export-ModuleMember -Function $labFunctions
