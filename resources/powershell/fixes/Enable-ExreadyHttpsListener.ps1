# Enables the existing WinRM HTTPS listener on 5986 (undo: disables it again); refuses a listener Group Policy defines.
# Connects over HTTPS 5986; over HTTP 5985 only when the plan says transport "http" (no enabled HTTPS listener yet).
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
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to change' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if ($null -ne $Request.transport -and @('https', 'http') -cnotcontains $Request.transport) { return "transport: '$($Request.transport)' is neither https nor http" }
    if ($null -ne $Request.restore -and $Request.restore.before.enabled -isnot [bool]) { return "restore.before.enabled: '$($Request.restore.before.enabled)' is not true or false" }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $selector = @{ Address = '*'; Transport = 'HTTPS' }
    $find = { Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Transport -eq 'HTTPS' -and $_.Address -eq '*' } | Select-Object -First 1 }
    $listener = & $find
    if ($null -eq $listener) { return [pscustomobject]@{ status = 'failed'; before = $null; after = $null; message = 'There is no HTTPS listener on Address * to enable: create one.' } }
    $before = [ordered]@{ enabled = ([string]$listener.Enabled -eq 'true') }
    if ($listener.PSObject.Properties['Source'] -and [string]$listener.Source -eq 'GPO') { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = 'Group Policy defines the HTTPS listener: enable it in the policy.' } }
    $want = if ($null -ne $Request.restore) { [bool]$Request.restore.before.enabled } else { $true }
    if ($before.enabled -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "The HTTPS listener is already $(if ($want) { 'enabled' } else { 'disabled' })." } }
    Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet @{ Enabled = $want.ToString().ToLowerInvariant() } | Out-Null
    $after = [ordered]@{ enabled = ([string](& $find).Enabled -eq 'true') }
    [pscustomobject]@{ status = $(if ($after.enabled -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "The HTTPS listener is now $(if ($after.enabled) { 'enabled' } else { 'disabled' })." }
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
        # HTTPS 5986 as the collection connects; HTTP 5985 only while no enabled HTTPS listener exists.
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
