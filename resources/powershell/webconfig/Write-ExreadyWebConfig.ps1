# Writes a planned web.config on an Exchange server: refuses if the file changed since it was read (SHA-256),
# writes the timestamped backup beside the original, replaces atomically through a temp file, checks the hash after
# writing, and prints one JSON result {status, before, after, backup, error}. Runs on Windows PowerShell 5.1.
# Parameters arrive as one base64 UTF-8 JSON argument: server, path, expectedSha256, contentPath (a file on this
# host holding the planned bytes, so they never sit in command text) or contentBase64, backupName.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
# A console without a code page of its own (a remoting session, a redirected process) may refuse a new encoding.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false) } catch { Write-Verbose "The output encoding stays: $($_.Exception.Message)" }

# Why the request cannot run, naming the field; $null when it can. Nothing is written on this machine.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to write on' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if (-not ($Request.path -is [string] -and $Request.path)) { return 'path: missing; name the web.config to write' }
    if (-not ($Request.expectedSha256 -is [string] -and $Request.expectedSha256 -match '^[0-9A-Fa-f]{64}$')) { return "expectedSha256: '$($Request.expectedSha256)' is not a SHA-256 in hex" }
    if ($null -ne $Request.contentPath) {
        if (-not ($Request.contentPath -is [string] -and $Request.contentPath -and (Test-Path -LiteralPath $Request.contentPath -PathType Leaf))) { return "contentPath: '$($Request.contentPath)' is not a file on this machine" }
    } else {
        if (-not ($Request.contentBase64 -is [string])) { return 'contentBase64: missing; send the planned file as contentPath or base64' }
        try { $null = [Convert]::FromBase64String($Request.contentBase64) } catch { return "contentBase64: not base64 ($($_.Exception.Message))" }
    }
    if (-not ($Request.backupName -is [string] -and $Request.backupName)) { return 'backupName: missing' }
    $null
}

$write = {
    param([string]$Path, [string]$ExpectedSha256, [string]$ContentBase64, [string]$BackupName)
    $ErrorActionPreference = 'Stop'
    function Get-ExreadyHash([byte[]]$Bytes) {
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try { ([BitConverter]::ToString($sha.ComputeHash($Bytes))).Replace('-', '') } finally { $sha.Dispose() }
    }
    function New-ExreadyResult([string]$Status, $Before, $After, $Backup, $Message) {
        [pscustomobject]@{ exreadyResult = 1; status = $Status; before = $Before; after = $After; backup = $Backup; error = $Message }
    }
    if ((Split-Path -Leaf $Path) -ne 'web.config') { return New-ExreadyResult 'refused' $null $null $null 'Only a file named web.config is written.' }
    # The backup name is ours (web.config.exready-YYYYMMDD-HHMMSS.bak): never a path, never an existing file.
    if ($BackupName -notmatch '^web\.config\.exready-\d{8}-\d{6}\.bak$') { return New-ExreadyResult 'refused' $null $null $null 'The backup name is not an ExReady backup name.' }
    $folder = Split-Path -Parent $Path
    $backupPath = Join-Path $folder $BackupName
    $before = Get-ExreadyHash ([System.IO.File]::ReadAllBytes($Path))
    if ($before -ne $ExpectedSha256.ToUpperInvariant()) {
        return New-ExreadyResult 'refused' $before $null $null 'web.config changed since ExReady read it: collect again and plan again.'
    }
    if (Test-Path -LiteralPath $backupPath) { return New-ExreadyResult 'refused' $before $null $null "The backup $BackupName already exists." }
    $bytes = [Convert]::FromBase64String($ContentBase64)
    $expectedAfter = Get-ExreadyHash $bytes
    $temp = Join-Path $folder ('web.config.exready-' + [guid]::NewGuid().ToString('N') + '.tmp')
    try {
        [System.IO.File]::WriteAllBytes($temp, $bytes)
        # The replacement takes the original's security descriptor before the swap, not the folder's inherited one.
        if (Get-Command -Name Set-Acl -ErrorAction SilentlyContinue) { Set-Acl -LiteralPath $temp -AclObject (Get-Acl -LiteralPath $Path) }
        # One call moves the original to the backup and the temp file into place.
        [System.IO.File]::Replace($temp, $Path, $backupPath)
    } catch {
        return New-ExreadyResult 'failed' $before $before $null "The file could not be replaced: $($_.Exception.Message)"
    } finally {
        # Every exit path: the temp file holds the secrets.
        Remove-Item -LiteralPath $temp -Force -ErrorAction SilentlyContinue
    }
    $after = Get-ExreadyHash ([System.IO.File]::ReadAllBytes($Path))
    if ($after -ne $expectedAfter) {
        # Never leave a half-written file: put the original back.
        [System.IO.File]::Copy($backupPath, $Path, $true)
        $restored = Get-ExreadyHash ([System.IO.File]::ReadAllBytes($Path))
        return New-ExreadyResult 'failed' $before $restored $backupPath 'The hash after writing did not match; the original was put back.'
    }
    New-ExreadyResult 'written' $before $after $backupPath $null
}

try {
    $request = $null
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = "ParametersBase64: not base64 of UTF-8 JSON ($($_.Exception.Message))" }
    if ($null -eq $problem) { $problem = & $invalid $request }
    if ($null -ne $problem) {
        $result = [pscustomobject]@{ exreadyResult = 1; status = 'refused'; before = $null; after = $null; backup = $null; error = [string]$problem }
    } else {
        # The planned bytes are read from their file here and cross to the server as an argument, never as command text.
        $content = [string]$request.contentBase64
        if ($null -ne $request.contentPath) { $content = [Convert]::ToBase64String([System.IO.File]::ReadAllBytes([string]$request.contentPath)) }
        $arguments = @([string]$request.path, [string]$request.expectedSha256, $content, [string]$request.backupName)
        $result = Invoke-Command -ComputerName ([string]$request.server) -UseSSL -Port 5986 -ScriptBlock $write -ArgumentList $arguments
        $result = $result | Select-Object -Property 'exreadyResult', 'status', 'before', 'after', 'backup', 'error'
    }
} catch {
    $result = [pscustomobject]@{ exreadyResult = 1; status = 'failed'; before = $null; after = $null; backup = $null; error = [string]$_.Exception.Message }
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress -Depth 5))
