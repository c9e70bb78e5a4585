# Appends the Exchange servers to TrustedHosts on a sync server: read, merge, write; never drops an entry that is there.
# "*" only with acceptRisk. Undo removes exactly the entries this fix added.
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
    $computer = [string]$request.syncServer
    $result = if ($null -eq $computer) { & $change $request } else { Invoke-Command -ComputerName $computer -ScriptBlock $change -ArgumentList $request }
    $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
