# Enables the existing WinRM HTTPS listener on 5986 (undo: disables it again).
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the current value first and changes nothing when the desired state is already there.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
$request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $selector = @{ Address = '*'; Transport = 'HTTPS' }
    $read = { [ordered]@{ enabled = ([string](Get-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector).Enabled -eq 'true') } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { [bool]$Request.restore.before.enabled } else { $true }
    if ($before.enabled -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "The HTTPS listener is already $(if ($want) { 'enabled' } else { 'disabled' })." } }
    Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet @{ Enabled = $want.ToString().ToLowerInvariant() } | Out-Null
    $after = & $read
    [pscustomobject]@{ status = $(if ($after.enabled -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "The HTTPS listener is now $(if ($after.enabled) { 'enabled' } else { 'disabled' })." }
}

try {
    $computer = $request.server
    $result = if ($null -eq $computer) { & $change $request } else { Invoke-Command -ComputerName $computer -ScriptBlock $change -ArgumentList $request }
    $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
