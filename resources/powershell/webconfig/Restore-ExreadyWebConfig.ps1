# Rolls a web.config back to the ExReady backup the admin picked: refuses if the file changed since it was read,
# keeps the current file as a pre-rollback backup, replaces atomically, checks the hash after writing, and prints one
# JSON result {status, before, after, backup, backupSha256, error}; backupSha256 is the hash of the backup's bytes,
# which `after` must equal for the rollback to count as done. Runs on Windows PowerShell 5.1.
# Parameters arrive as one base64 UTF-8 JSON argument: server, path, expectedSha256, backupName, preRollbackName.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)
$request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json

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
    $arguments = @([string]$request.path, [string]$request.expectedSha256, [string]$request.backupName, [string]$request.preRollbackName)
    if ($request.server) {
        $result = Invoke-Command -ComputerName ([string]$request.server) -UseSSL -Port 5986 -ScriptBlock $restore -ArgumentList $arguments
    } else {
        $result = & $restore @arguments
    }
    $result = $result | Select-Object -Property 'exreadyResult', 'status', 'before', 'after', 'backup', 'backupSha256', 'error'
} catch {
    $result = [pscustomobject]@{ exreadyResult = 1; status = 'failed'; before = $null; after = $null; backup = $null; backupSha256 = $null; error = [string]$_.Exception.Message }
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress -Depth 5))
