# Starts WinRM and sets it to start automatically (undo: the start type and status it had).
# Stopping WinRM would end the very session that carries the result: the stop is left to a one-shot scheduled task
# that waits for this session to end, so the result line always arrives first.
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
    if ($null -ne $Request.transport -and $Request.transport -cne 'https') { return "transport: '$($Request.transport)' is not https; only the HTTPS listener fixes may connect over HTTP 5985" }
    if ($null -ne $Request.restore) {
        # The values Set-Service -StartupType takes and the two states a service is left in.
        if (@('Automatic', 'Manual', 'Disabled') -cnotcontains $Request.restore.before.startType) { return "restore.before.startType: '$($Request.restore.before.startType)' is not Automatic, Manual or Disabled" }
        if (@('Running', 'Stopped') -cnotcontains $Request.restore.before.status) { return "restore.before.status: '$($Request.restore.before.status)' is not Running or Stopped" }
    }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $read = { $s = Get-Service -Name WinRM; [ordered]@{ status = [string]$s.Status; startType = [string]$s.StartType } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { $Request.restore.before } else { [pscustomobject]@{ status = 'Running'; startType = 'Automatic' } }
    if ($before.status -eq $want.status -and $before.startType -eq $want.startType) {
        return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "WinRM is already $($want.status) and $($want.startType): nothing to change." }
    }
    if ($before.startType -ne $want.startType) { Set-Service -Name WinRM -StartupType $want.startType }
    if ($want.status -eq 'Running' -and $before.status -ne 'Running') { Start-Service -Name WinRM }
    $after = & $read
    $message = "WinRM is now $($after.status) and $($after.startType)."
    if ($want.status -eq 'Stopped' -and $after.status -ne 'Stopped') {
        # A process started from this session dies with it; a task of the Task Scheduler service outlives it.
        $task = 'ExReady-WinRM-Stop'
        $command = "Wait-Process -Id $PID -Timeout 120 -ErrorAction SilentlyContinue; Stop-Service -Name WinRM -Force; Unregister-ScheduledTask -TaskName '$task' -Confirm:`$false"
        $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -NonInteractive -EncodedCommand $([Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($command)))"
        $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
        Register-ScheduledTask -TaskName $task -Action $action -Principal $principal -Force | Out-Null
        Start-ScheduledTask -TaskName $task
        $after = [ordered]@{ status = 'Stopped'; startType = $after.startType }
        $message = "WinRM is $($after.startType) and stops once this session has ended (scheduled task $task, within 120 s)."
    }
    $ok = $after.status -eq $want.status -and $after.startType -eq $want.startType
    [pscustomobject]@{ status = $(if ($ok) { 'applied' } else { 'failed' }); before = $before; after = $after; message = $message }
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
