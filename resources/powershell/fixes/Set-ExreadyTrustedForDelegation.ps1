# Sets TrustedForDelegation on the server's computer object from the jump host (ActiveDirectory module) (undo: the flag it had).
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
    Import-Module ActiveDirectory
    $name = ([string]$Request.server -split '\.')[0]
    $read = { $c = Get-ADComputer -Identity $name -Properties @('TrustedForDelegation', 'userAccountControl'); [ordered]@{ trustedForDelegation = [bool]$c.TrustedForDelegation; userAccountControl = [int]$c.userAccountControl } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { [bool]$Request.restore.before.trustedForDelegation } else { $true }
    if ($before.trustedForDelegation -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "TrustedForDelegation is already $want." } }
    Get-ADComputer -Identity $name | Set-ADAccountControl -TrustedForDelegation $want
    $after = & $read
    [pscustomobject]@{ status = $(if ($after.trustedForDelegation -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "TrustedForDelegation is now $($after.trustedForDelegation)." }
}

try {
    $computer = $null
    $result = if ($null -eq $computer) { & $change $request } else { Invoke-Command -ComputerName $computer -ScriptBlock $change -ArgumentList $request }
    $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
