# Starts WinRM and sets it to start automatically (undo: the start type and status it had).
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
    $read = { $s = Get-Service -Name WinRM; [ordered]@{ status = [string]$s.Status; startType = [string]$s.StartType } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { $Request.restore.before } else { [pscustomobject]@{ status = 'Running'; startType = 'Automatic' } }
    if ($before.status -eq $want.status -and $before.startType -eq $want.startType) {
        return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "WinRM is already $($want.status) and $($want.startType): nothing to change." }
    }
    Set-Service -Name WinRM -StartupType $want.startType
    if ($want.status -eq 'Running') { Start-Service -Name WinRM }
    $after = & $read
    if ($want.status -ne 'Running') {
        # Stopping WinRM ends this very session: report first, stop without waiting.
        $after = [ordered]@{ status = [string]$want.status; startType = $after.startType }
        Stop-Service -Name WinRM -Force -NoWait
    }
    $ok = $after.status -eq $want.status -and $after.startType -eq $want.startType
    [pscustomobject]@{ status = $(if ($ok) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "WinRM is now $($after.status) and $($after.startType)." }
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
