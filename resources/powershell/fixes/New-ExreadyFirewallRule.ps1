# Creates the inbound rule ExReady-WinRM-HTTPS-In for TCP 5986 scoped to the sync servers' addresses (undo: removes it).
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the effective rules (ActiveStore: local and Group Policy) first and changes nothing when 5986 is already allowed.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'

# Why the request cannot run, naming the field; $null when it can. A fix never runs on this machine by default.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to change' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    # HTTP 5985 is allowed here: 5986 may be exactly what the firewall still drops.
    if ($null -ne $Request.transport -and @('https', 'http') -cnotcontains $Request.transport) { return "transport: '$($Request.transport)' is neither https nor http" }
    if ($null -ne $Request.restore) { return $null }
    $addresses = @($Request.remoteAddresses)
    if ($addresses.Count -eq 0 -or $null -eq $Request.remoteAddresses) { return 'remoteAddresses: missing; list the sync servers'' addresses' }
    # What New-NetFirewallRule -RemoteAddress takes: an address, a subnet (prefix or mask), a range, or a keyword; never Any.
    $keywords = @('LocalSubnet', 'DNS', 'DHCP', 'WINS', 'DefaultGateway', 'Intranet', 'IntranetRemoteAccess', 'Internet', 'PlayToDevice')
    # A dotted IPv4 address or an IPv6 one: [ipaddress] alone would also read '10' as 0.0.0.10.
    $isIp = { param([string]$Text) ($Text -match '^\d{1,3}(\.\d{1,3}){3}$' -or $Text -match '^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$') -and $null -ne ($Text -as [ipaddress]) }
    foreach ($address in $addresses) {
        $text = [string]$address
        $ok = $false
        if ($address -isnot [string] -or $text -match '^(any|\*)$') { $ok = $false }
        elseif ($keywords -contains $text) { $ok = $true }
        elseif (& $isIp $text) { $ok = $true }
        elseif ($text -match '^([^/]+)/(\d{1,3})$' -and (& $isIp $Matches[1])) { $ok = [int]$Matches[2] -le $(if ($Matches[1] -match ':') { 128 } else { 32 }) }
        elseif ($text -match '^([^/]+)/([^/]+)$' -and (& $isIp $Matches[1]) -and (& $isIp $Matches[2])) { $ok = $true }
        elseif ($text -match '^([^-]+)-([^-]+)$' -and (& $isIp $Matches[1]) -and (& $isIp $Matches[2])) { $ok = $true }
        if (-not $ok) { return "remoteAddresses: '$text' is not an address, subnet, range or keyword New-NetFirewallRule accepts (Any is not offered: the rule is scoped)" }
    }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $name = 'ExReady-WinRM-HTTPS-In'
    $port = 5986
    # Our own rule as the ActiveStore sees it (it lives in the PersistentStore, where it is created and removed).
    $read = {
        $r = @(Get-NetFirewallRule -Name $name -PolicyStore ActiveStore -ErrorAction SilentlyContinue) | Select-Object -First 1
        if ($null -eq $r) { [ordered]@{ rule = $null } } else {
            $filter = @(Get-NetFirewallAddressFilter -All -PolicyStore ActiveStore) | Where-Object { [string]$_.InstanceID -eq [string]$r.InstanceID } | Select-Object -First 1
            $addresses = @('Any'); if ($null -ne $filter) { $addresses = @($filter.RemoteAddress | ForEach-Object { [string]$_ }) }
            [ordered]@{ rule = [ordered]@{ name = $name; remoteAddresses = $addresses } }
        }
    }
    # Another enabled inbound allow rule (local or from Group Policy) that already lets TCP 5986 in on the Domain profile
    # from every wanted address; its label, or $null. NetSecurity numbers: Enabled 1 True; Action 2 Allow, 3 AllowBypass; Profile bit 1 Domain.
    $coveredBy = {
        param([string[]]$Want)
        $ports = @{}; foreach ($f in @(Get-NetFirewallPortFilter -All -PolicyStore ActiveStore)) { $ports[[string]$f.InstanceID] = $f }
        $addressFilters = @{}; foreach ($f in @(Get-NetFirewallAddressFilter -All -PolicyStore ActiveStore)) { $addressFilters[[string]$f.InstanceID] = $f }
        $apps = @{}; foreach ($f in @(Get-NetFirewallApplicationFilter -All -PolicyStore ActiveStore)) { $apps[[string]$f.InstanceID] = $f }
        $services = @{}; foreach ($f in @(Get-NetFirewallServiceFilter -All -PolicyStore ActiveStore)) { $services[[string]$f.InstanceID] = $f }
        $interfaces = @{}; foreach ($f in @(Get-NetFirewallInterfaceFilter -All -PolicyStore ActiveStore)) { $interfaces[[string]$f.InstanceID] = $f }
        $types = @{}; foreach ($f in @(Get-NetFirewallInterfaceTypeFilter -All -PolicyStore ActiveStore)) { $types[[string]$f.InstanceID] = $f }
        foreach ($r in @(Get-NetFirewallRule -Direction Inbound -PolicyStore ActiveStore)) {
            $id = [string]$r.InstanceID
            if ([string]$r.Name -eq $name -or [int]$r.Enabled -ne 1 -or @(2, 3) -notcontains [int]$r.Action) { continue }
            if ([int]$r.Profile -ne 0 -and ([int]$r.Profile -band 1) -eq 0) { continue }
            $pf = $ports[$id]
            if ($null -eq $pf -or @('TCP', 'Any', '6') -notcontains [string]$pf.Protocol) { continue }
            $names = $false
            foreach ($entry in @($pf.LocalPort | ForEach-Object { [string]$_ })) {
                if ($entry -eq 'Any' -or $entry -eq [string]$port) { $names = $true }
                elseif ($entry -match '^(\d+)-(\d+)$' -and [int]$Matches[1] -le $port -and [int]$Matches[2] -ge $port) { $names = $true }
            }
            if (-not $names) { continue }
            # WinRM is received by HTTP.sys in System: a rule for another program, package or service never matches it.
            $app = $apps[$id]
            if ($null -ne $app -and (($app.Program -and @('Any', 'System') -notcontains [string]$app.Program) -or $app.Package)) { continue }
            $svc = $services[$id]
            if ($null -ne $svc -and $svc.Service -and [string]$svc.Service -ne 'Any') { continue }
            $nic = $interfaces[$id]
            if ($null -ne $nic -and @($nic.InterfaceAlias | Where-Object { [string]$_ -ne 'Any' }).Count -gt 0) { continue }
            $ty = $types[$id]
            if ($null -ne $ty -and [int]$ty.InterfaceType -ne 0) { continue }
            $af = $addressFilters[$id]
            $remote = @('Any'); if ($null -ne $af) { $remote = @($af.RemoteAddress | ForEach-Object { [string]$_ }) }
            if ($remote -notcontains 'Any' -and @($Want | Where-Object { $remote -notcontains $_ }).Count -gt 0) { continue }
            $label = [string]$r.DisplayName; if (-not $label) { $label = [string]$r.Name }
            # PolicyStoreSourceType 2 is GroupPolicy (FW_RULE_ORIGIN_GP in [MS-FASP] 2.2.32).
            if ([int]$r.PolicyStoreSourceType -eq 2) { $label = "$label (from Group Policy)" }
            return $label
        }
        $null
    }
    $before = & $read
    if ($null -ne $Request.restore) {
        if ($null -eq $before.rule) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "There is no rule $name to remove." } }
        Remove-NetFirewallRule -Name $name
        $after = & $read
        return [pscustomobject]@{ status = $(if ($null -eq $after.rule) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "Removed $name." }
    }
    $want = @($Request.remoteAddresses | ForEach-Object { [string]$_ })
    if ($null -ne $before.rule -and -not (Compare-Object $before.rule.remoteAddresses $want)) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "$name already allows TCP $port from $($want -join ', ')." } }
    if ($null -eq $before.rule) {
        $other = & $coveredBy $want
        if ($null -ne $other) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "$other already allows TCP $port from $($want -join ', '): no rule was added." } }
        New-NetFirewallRule -Name $name -DisplayName 'Windows Remote Management (HTTPS-In, ExReady)' -Direction Inbound -Protocol TCP -LocalPort $port -Action Allow -Profile Domain -RemoteAddress $want | Out-Null
    } else { Set-NetFirewallRule -Name $name -RemoteAddress $want }
    $after = & $read
    $ok = $null -ne $after.rule -and -not (Compare-Object $after.rule.remoteAddresses $want)
    [pscustomobject]@{ status = $(if ($ok) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "$name allows TCP $port from $($want -join ', ')." }
}

try {
    $request = $null
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = "ParametersBase64: not base64 of UTF-8 JSON ($($_.Exception.Message))" }
    if ($null -eq $problem) { $problem = & $invalid $request }
    if ($null -ne $problem) {
        $out = [ordered]@{ exreadyResult = 1; status = 'refused'; changed = $false; before = $null; after = $null; message = 'The request is not valid: nothing was changed.'; error = [string]$problem }
    } else {
        # HTTPS 5986 as the collection connects; HTTP 5985 when the request says so (5986 is what this fix opens).
        $remoting = @{ ComputerName = [string]$request.server; UseSSL = $true; Port = 5986 }
        if ($request.transport -ceq 'http') { $remoting = @{ ComputerName = [string]$request.server; Port = 5985 } }
        $result = Invoke-Command @remoting -ScriptBlock $change -ArgumentList $request
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
