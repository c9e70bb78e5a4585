# Runs Enable-PSRemoting -SkipNetworkProfileCheck where microsoft.powershell is missing, disabled or lets no group in.
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
    $read = {
        $c = Get-PSSessionConfiguration -Name microsoft.powershell -ErrorAction SilentlyContinue
        if ($null -eq $c) { [ordered]@{ registered = $false; enabled = $false; permission = $null } } else { [ordered]@{ registered = $true; enabled = ([string]$c.Enabled -eq 'True'); permission = [string]$c.Permission } }
    }
    $healthy = { param($s) $s.registered -and $s.enabled -and $s.permission -notmatch 'AccessDenied' -and $s.permission -match '(Administrators|Remote Management Users) AccessAllowed' }
    $before = & $read
    if (& $healthy $before) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = 'Remoting is already on with the default permissions.' } }
    Enable-PSRemoting -Force -SkipNetworkProfileCheck | Out-Null
    $after = & $read
    [pscustomobject]@{ status = $(if (& $healthy $after) { 'applied' } else { 'failed' }); before = $before; after = $after; message = 'Enable-PSRemoting restored microsoft.powershell.' }
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
