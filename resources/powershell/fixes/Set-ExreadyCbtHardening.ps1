# Sets WSMan:\localhost\Service\Auth\CbtHardeningLevel to the level the admin picked; refuses when Group Policy owns it.
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the current value first and changes nothing when the desired state is already there.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
$levels = @('None', 'Relaxed', 'Strict')

# Why the request cannot run, naming the field; $null when it can. A fix never runs on this machine by default.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to change' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if ($null -ne $Request.transport -and $Request.transport -cne 'https') { return "transport: '$($Request.transport)' is not https; only the HTTPS listener fixes may connect over HTTP 5985" }
    if ($null -ne $Request.restore) {
        if (-not ($Request.restore.before.level -is [string] -and $levels -ccontains $Request.restore.before.level)) { return "restore.before.level: '$($Request.restore.before.level)' is not exactly None, Relaxed or Strict" }
    } elseif (-not ($Request.level -is [string] -and $levels -ccontains $Request.level)) { return "level: '$($Request.level)' is not exactly None, Relaxed or Strict" }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $path = 'WSMan:\localhost\Service\Auth\CbtHardeningLevel'
    $item = Get-Item -Path $path
    $before = [ordered]@{ level = [string]$item.Value }
    if ([string]$item.SourceOfValue -eq 'GPO') { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = 'Group Policy sets CbtHardeningLevel: change it in the policy.' } }
    $want = if ($null -ne $Request.restore) { [string]$Request.restore.before.level } else { [string]$Request.level }
    if ($before.level -ceq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "CbtHardeningLevel is already $want." } }
    Set-Item -Path $path -Value $want -Force
    $after = [ordered]@{ level = [string](Get-Item -Path $path).Value }
    [pscustomobject]@{ status = $(if ($after.level -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "CbtHardeningLevel is now $($after.level)." }
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
        # HTTPS 5986, as the collection connects.
        $result = Invoke-Command -ComputerName ([string]$request.server) -UseSSL -Port 5986 -ScriptBlock $change -ArgumentList $request
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
