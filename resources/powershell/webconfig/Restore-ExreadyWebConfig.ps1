# Rolls a web.config back to the ExReady backup the admin picked: refuses if the file changed since it was read,
# keeps the current file as a pre-rollback backup, replaces atomically, checks the hash after writing, and prints one
# JSON result {status, before, after, backup, backupSha256, error}; backupSha256 is the hash of the backup's bytes,
# which `after` must equal for the rollback to count as done. Runs on Windows PowerShell 5.1.
# Parameters arrive as one base64 UTF-8 JSON argument: server, path, expectedSha256, backupName, preRollbackName.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
# A console without a code page of its own (a remoting session, a redirected process) may refuse a new encoding.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false) } catch { Write-Verbose "The output encoding stays: $($_.Exception.Message)" }

# Why the request cannot run, naming the field; $null when it can. Nothing is restored on this machine.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to restore on' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if (-not ($Request.path -is [string] -and $Request.path)) { return 'path: missing; name the web.config to restore' }
    if (-not ($Request.expectedSha256 -is [string] -and $Request.expectedSha256 -match '^[0-9A-Fa-f]{64}$')) { return "expectedSha256: '$($Request.expectedSha256)' is not a SHA-256 in hex" }
    if (-not ($Request.backupName -is [string] -and $Request.backupName)) { return 'backupName: missing; name the backup to restore' }
    if (-not ($Request.preRollbackName -is [string] -and $Request.preRollbackName)) { return 'preRollbackName: missing' }
    $null
}

$restore = {
    param([string]$Path, [string]$ExpectedSha256, [string]$BackupName, [string]$PreRollbackName)
    $ErrorActionPreference = 'Stop'
    function Get-ExreadyHash([byte[]]$Bytes) {
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try { ([BitConverter]::ToString($sha.ComputeHash($Bytes))).Replace('-', '') } finally { $sha.Dispose() }
    }
    function New-ExreadyResult([string]$Status, $Before, $After, $Backup, $Message, $BackupSha256 = $null) {
        [pscustomobject]@{ exreadyResult = 1; status = $Status; before = $Before; after = $After; backup = $Backup; backupSha256 = $BackupSha256; error = $Message }
    }
    if ((Split-Path -Leaf $Path) -ne 'web.config') { return New-ExreadyResult 'refused' $null $null $null 'Only a file named web.config is restored.' }
    if ($BackupName -notmatch '^web\.config\.exready-\d{8}-\d{6}(\.pre-rollback)?\.bak$') { return New-ExreadyResult 'refused' $null $null $null 'The backup is not an ExReady backup.' }
    if ($PreRollbackName -notmatch '^web\.config\.exready-\d{8}-\d{6}\.pre-rollback\.bak$') { return New-ExreadyResult 'refused' $null $null $null 'The pre-rollback name is not an ExReady name.' }
    $folder = Split-Path -Parent $Path
    $backupPath = Join-Path $folder $BackupName
    $preRollbackPath = Join-Path $folder $PreRollbackName
    if (-not (Test-Path -LiteralPath $backupPath)) { return New-ExreadyResult 'refused' $null $null $null "The backup $BackupName does not exist." }
    $before = Get-ExreadyHash ([System.IO.File]::ReadAllBytes($Path))
    if ($before -ne $ExpectedSha256.ToUpperInvariant()) {
        return New-ExreadyResult 'refused' $before $null $null 'web.config changed since ExReady read it: collect again first.'
    }
    $bytes = [System.IO.File]::ReadAllBytes($backupPath)
    $expectedAfter = Get-ExreadyHash $bytes
    $temp = Join-Path $folder ('web.config.exready-' + [guid]::NewGuid().ToString('N') + '.tmp')
    [System.IO.File]::WriteAllBytes($temp, $bytes)
    try {
        [System.IO.File]::Replace($temp, $Path, $preRollbackPath)
    } catch {
        Remove-Item -LiteralPath $temp -Force -ErrorAction SilentlyContinue
        return New-ExreadyResult 'failed' $before $before $null "The file could not be replaced: $($_.Exception.Message)" $expectedAfter
    }
    $after = Get-ExreadyHash ([System.IO.File]::ReadAllBytes($Path))
    if ($after -ne $expectedAfter) {
        [System.IO.File]::Copy($preRollbackPath, $Path, $true)
        return New-ExreadyResult 'failed' $before (Get-ExreadyHash ([System.IO.File]::ReadAllBytes($Path))) $preRollbackPath 'The hash after writing did not match; the file was put back.' $expectedAfter
    }
    New-ExreadyResult 'written' $before $after $preRollbackPath $null $expectedAfter
}

try {
    $request = $null
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = "ParametersBase64: not base64 of UTF-8 JSON ($($_.Exception.Message))" }
    if ($null -eq $problem) { $problem = & $invalid $request }
    if ($null -ne $problem) {
        $result = [pscustomobject]@{ exreadyResult = 1; status = 'refused'; before = $null; after = $null; backup = $null; backupSha256 = $null; error = [string]$problem }
    } else {
        $arguments = @([string]$request.path, [string]$request.expectedSha256, [string]$request.backupName, [string]$request.preRollbackName)
        $result = Invoke-Command -ComputerName ([string]$request.server) -UseSSL -Port 5986 -ScriptBlock $restore -ArgumentList $arguments
        $result = $result | Select-Object -Property 'exreadyResult', 'status', 'before', 'after', 'backup', 'backupSha256', 'error'
    }
} catch {
    $result = [pscustomobject]@{ exreadyResult = 1; status = 'failed'; before = $null; after = $null; backup = $null; backupSha256 = $null; error = [string]$_.Exception.Message }
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress -Depth 5))
