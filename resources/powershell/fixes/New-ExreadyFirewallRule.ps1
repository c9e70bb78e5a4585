# Creates the inbound rule ExReady-WinRM-HTTPS-In for TCP 5986 scoped to the sync servers' addresses (undo: removes it).
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
    $name = 'ExReady-WinRM-HTTPS-In'
    $read = {
        $r = Get-NetFirewallRule -Name $name -ErrorAction SilentlyContinue
        if ($null -eq $r) { [ordered]@{ rule = $null } } else { [ordered]@{ rule = [ordered]@{ name = $name; remoteAddresses = @(($r | Get-NetFirewallAddressFilter).RemoteAddress | ForEach-Object { [string]$_ }) } } }
    }
    $before = & $read
    if ($null -ne $Request.restore) {
        if ($null -eq $before.rule) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "There is no rule $name to remove." } }
        Remove-NetFirewallRule -Name $name
        $after = & $read
        return [pscustomobject]@{ status = $(if ($null -eq $after.rule) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "Removed $name." }
    }
    $want = @($Request.remoteAddresses | ForEach-Object { [string]$_ })
    if ($null -ne $before.rule -and -not (Compare-Object $before.rule.remoteAddresses $want)) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "$name already allows TCP 5986 from $($want -join ', ')." } }
    if ($null -ne $before.rule) { Set-NetFirewallRule -Name $name -RemoteAddress $want } else { New-NetFirewallRule -Name $name -DisplayName 'Windows Remote Management (HTTPS-In, ExReady)' -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow -Profile Domain -RemoteAddress $want | Out-Null }
    $after = & $read
    $ok = $null -ne $after.rule -and -not (Compare-Object $after.rule.remoteAddresses $want)
    [pscustomobject]@{ status = $(if ($ok) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "$name allows TCP 5986 from $($want -join ', ')." }
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
