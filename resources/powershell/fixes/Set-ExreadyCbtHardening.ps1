# Sets WSMan:\localhost\Service\Auth\CbtHardeningLevel to the level the admin picked; refuses when Group Policy owns it.
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
    $path = 'WSMan:\localhost\Service\Auth\CbtHardeningLevel'
    $item = Get-Item -Path $path
    $before = [ordered]@{ level = [string]$item.Value }
    if ([string]$item.SourceOfValue -eq 'GPO') { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = 'Group Policy sets CbtHardeningLevel: change it in the policy.' } }
    $want = if ($null -ne $Request.restore) { [string]$Request.restore.before.level } else { [string]$Request.level }
    if ($before.level -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "CbtHardeningLevel is already $want." } }
    Set-Item -Path $path -Value $want -Force
    $after = [ordered]@{ level = [string](Get-Item -Path $path).Value }
    [pscustomobject]@{ status = $(if ($after.level -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "CbtHardeningLevel is now $($after.level)." }
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
