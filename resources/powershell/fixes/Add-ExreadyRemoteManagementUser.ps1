# Adds the sync account to Remote Management Users (S-1-5-32-580) (undo: removes it again).
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
    $account = [string]$Request.account
    $user = ($account -split '\\')[-1]
    $read = { [ordered]@{ member = [bool](Get-LocalGroupMember -SID 'S-1-5-32-580' | Where-Object { ([string]$_.Name -split '\\')[-1] -eq $user }) } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { [bool]$Request.restore.before.member } else { $true }
    if ($before.member -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "$account is already $(if ($want) { 'a member' } else { 'not a member' })." } }
    if ($want) { Add-LocalGroupMember -SID 'S-1-5-32-580' -Member $account } else { Remove-LocalGroupMember -SID 'S-1-5-32-580' -Member $account }
    $after = & $read
    [pscustomobject]@{ status = $(if ($after.member -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "$account membership of Remote Management Users: $($after.member)." }
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
