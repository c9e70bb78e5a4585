# Appends the Exchange servers to TrustedHosts on a sync server: read, merge, write; never drops an entry that is there.
# "*" only with acceptRisk. Undo removes exactly the entries this fix added.
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the current value first and changes nothing when the desired state is already there.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'

# Why the request cannot run, naming the field; $null when it can. A fix never runs on this machine by default.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    $isHost = { param($Value) $Value -is [string] -and ($Value -match $dns -or ($Value -match ':' -and $null -ne ($Value -as [ipaddress]))) }
    if ($null -eq $Request.syncServer -or '' -eq $Request.syncServer) { return 'syncServer: missing; name the sync server whose TrustedHosts to change' }
    if (-not (& $isHost $Request.syncServer)) { return "syncServer: '$($Request.syncServer)' is not a DNS name or IP address" }
    if ($null -ne $Request.server -and -not (& $isHost $Request.server)) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if ($null -ne $Request.transport -and $Request.transport -cne 'https') { return "transport: '$($Request.transport)' is not https; only the HTTPS listener fixes may connect over HTTP 5985" }
    if ($null -ne $Request.acceptRisk -and $Request.acceptRisk -isnot [bool]) { return "acceptRisk: '$($Request.acceptRisk)' is not true or false" }
    if ($null -ne $Request.restore) {
        foreach ($field in 'before', 'after') { if ($Request.restore.$field.value -isnot [string]) { return "restore.$field.value: not the TrustedHosts text of the audit entry" } }
        return $null
    }
    $hosts = @($Request.hosts)
    if ($null -eq $Request.hosts -or $hosts.Count -eq 0) { return 'hosts: missing; list the Exchange servers to trust' }
    # TrustedHosts takes names, addresses, "*" and a leading "*." wildcard.
    foreach ($entry in $hosts) { if (-not ($entry -ceq '*' -or (& $isHost $entry) -or ($entry -is [string] -and $entry.StartsWith('*.') -and $entry.Substring(2) -match $dns))) { return "hosts: '$entry' is not a DNS name, IP address or *.domain wildcard" } }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $path = 'WSMan:\localhost\Client\TrustedHosts'
    $split = { param($v) @(([string]$v -split ',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' }) }
    $item = Get-Item -Path $path
    $before = [ordered]@{ value = [string]$item.Value }
    if ([string]$item.SourceOfValue -eq 'GPO') { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = 'Group Policy sets TrustedHosts: add the servers in the policy.' } }
    $current = & $split $before.value
    if ($null -ne $Request.restore) {
        $added = @(& $split $Request.restore.after.value | Where-Object { (& $split $Request.restore.before.value) -notcontains $_ })
        $want = @($current | Where-Object { $added -notcontains $_ })
    } else {
        if (@($Request.hosts) -contains '*' -and $Request.acceptRisk -ne $true) { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = '"*" needs an explicit risk acceptance.' } }
        $want = @($current) + @($Request.hosts | Where-Object { $current -notcontains [string]$_ })
    }
    $value = ($want -join ',')
    # Back to exactly the entries it had: put back its own text, separators included.
    if ($null -ne $Request.restore -and $value -eq ((& $split $Request.restore.before.value) -join ',')) { $value = [string]$Request.restore.before.value }
    if (($want -join ',') -eq ($current -join ',')) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = 'TrustedHosts already holds exactly what is wanted.' } }
    Set-Item -Path $path -Value $value -Force
    $after = [ordered]@{ value = [string](Get-Item -Path $path).Value }
    [pscustomobject]@{ status = $(if (((& $split $after.value) -join ',') -eq ($want -join ',')) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "TrustedHosts is now $($after.value)." }
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
        # HTTPS 5986 to the sync server, as the collection connects.
        $result = Invoke-Command -ComputerName ([string]$request.syncServer) -UseSSL -Port 5986 -ScriptBlock $change -ArgumentList $request
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
