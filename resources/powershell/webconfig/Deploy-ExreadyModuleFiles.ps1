# Copies the MFA module's DLL files from a folder or .zip on this machine (the admin's pick) into an app's bin folder
# on an Exchange server, creating bin if missing; keeps a copy of any DLL it replaces, checks each file's SHA-256 after
# copying, and prints one JSON result {status, binPath, createdBin, files, signature, error}. Runs on Windows PowerShell 5.1.
# Before anything is copied, each DLL's Authenticode signature must be Valid and its signer the vendor's (expectedSigner).
# Parameters arrive as one base64 UTF-8 JSON argument: server, sourcePath, binPath, backupSuffix, expectedSigner,
# acceptUnverifiedSignature (true only when the operator accepted deploying where signatures cannot be checked).
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
# A console without a code page of its own (a remoting session, a redirected process) may refuse a new encoding.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false) } catch { Write-Verbose "The output encoding stays: $($_.Exception.Message)" }

# Why the request cannot run, naming the field; $null when it can. Nothing is installed on this machine.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to deploy to' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if (-not ($Request.sourcePath -is [string] -and $Request.sourcePath)) { return 'sourcePath: missing; name the folder or .zip with the module files' }
    if (-not ($Request.binPath -is [string] -and $Request.binPath)) { return 'binPath: missing; name the app bin folder on the server' }
    if (-not ($Request.backupSuffix -is [string] -and $Request.backupSuffix -match '^exready-\d{8}-\d{6}\.bak$')) { return "backupSuffix: '$($Request.backupSuffix)' is not an ExReady backup suffix" }
    if (-not ($Request.expectedSigner -is [string] -and $Request.expectedSigner)) { return "expectedSigner: missing; name the subject of the vendor's signing certificate" }
    if (-not ($null -eq $Request.acceptUnverifiedSignature -or $Request.acceptUnverifiedSignature -is [bool])) { return 'acceptUnverifiedSignature: must be true or false' }
    $null
}

function Get-ExreadyFileHash([string]$Path) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { ([BitConverter]::ToString($sha.ComputeHash([System.IO.File]::ReadAllBytes($Path)))).Replace('-', '') } finally { $sha.Dispose() }
}

# Why each DLL may not be deployed (unsigned, a bad signature, another signer); nothing when all are the vendor's.
# A missing Get-AuthenticodeSignature (pwsh off Windows) is not caught here: the caller decides on acceptance.
$signatureProblems = {
    param([object[]]$Dlls, [string]$ExpectedSigner)
    foreach ($dll in $Dlls) {
        try { $signature = Get-AuthenticodeSignature -LiteralPath $dll.FullName -ErrorAction Stop }
        catch [System.Management.Automation.CommandNotFoundException] { throw }
        catch { "$($dll.Name): the signature could not be read ($($_.Exception.Message))"; continue }
        $status = [string]$signature.Status
        $subject = $null
        if ($signature.SignerCertificate) { $subject = [string]$signature.SignerCertificate.Subject }
        if ($status -eq 'NotSigned') { "$($dll.Name): not signed" }
        elseif ($status -ne 'Valid') { "$($dll.Name): the signature is not valid ($status)" }
        elseif ($subject -ne $ExpectedSigner) { "$($dll.Name): signed by '$subject', not by the vendor ('$ExpectedSigner')" }
    }
}

# Runs on the server: bin created if missing, replaced DLLs kept as <name>.<suffix>, files moved in from the staging folder.
$install = {
    param([string]$BinPath, [string]$StagingPath, [string]$BackupSuffix)
    $ErrorActionPreference = 'Stop'
    $created = $false
    if (-not (Test-Path -LiteralPath $BinPath)) { New-Item -ItemType Directory -Path $BinPath -Force | Out-Null; $created = $true }
    $files = foreach ($file in @(Get-ChildItem -LiteralPath $StagingPath -Filter '*.dll' -File)) {
        $target = Join-Path $BinPath $file.Name
        $backup = $null
        if (Test-Path -LiteralPath $target) {
            $backup = "$target.$BackupSuffix"
            Copy-Item -LiteralPath $target -Destination $backup -Force
        }
        Copy-Item -LiteralPath $file.FullName -Destination $target -Force
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try { $hash = ([BitConverter]::ToString($sha.ComputeHash([System.IO.File]::ReadAllBytes($target)))).Replace('-', '') } finally { $sha.Dispose() }
        [pscustomobject]@{ name = $file.Name; sha256 = $hash; fileVersion = [string](Get-Item -LiteralPath $target).VersionInfo.FileVersion; backup = $backup }
    }
    Remove-Item -LiteralPath $StagingPath -Recurse -Force -ErrorAction SilentlyContinue
    [pscustomobject]@{ createdBin = $created; files = @($files) }
}

$staging = $null
$session = $null
$request = $null
try {
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = "ParametersBase64: not base64 of UTF-8 JSON ($($_.Exception.Message))" }
    if ($null -eq $problem) { $problem = & $invalid $request }
    # The result has no refused status (the service reads deployed or failed): a bad request fails before any copy.
    if ($null -ne $problem) { throw $problem }
    $source = [string]$request.sourcePath
    $folder = $source
    if ($source -like '*.zip') {
        $staging = Join-Path ([System.IO.Path]::GetTempPath()) ('exready-module-' + [guid]::NewGuid().ToString('N'))
        Expand-Archive -LiteralPath $source -DestinationPath $staging
        $folder = $staging
    }
    $dlls = @(Get-ChildItem -LiteralPath $folder -Filter '*.dll' -File -Recurse)
    if ($dlls.Count -eq 0) { throw "No .dll file was found in $source." }
    $names = ($dlls | ForEach-Object { $_.Name }) -join ', '
    $signature = "verified: every DLL is signed by '$($request.expectedSigner)'"
    try { $refusals = @(& $signatureProblems $dlls ([string]$request.expectedSigner)) }
    catch [System.Management.Automation.CommandNotFoundException] {
        $refusals = @()
        if ($request.acceptUnverifiedSignature -ne $true) { throw "Refused before any copy: Get-AuthenticodeSignature is not available on this machine, so the signatures of $names cannot be checked; deploy from Windows PowerShell, or accept the risk of unverified files." }
        $signature = "not verified: Get-AuthenticodeSignature is not available on this machine; $names deployed because the operator accepted that risk"
    }
    if ($refusals.Count -gt 0) { throw ('Refused before any copy, the module files are not signed by the vendor: ' + ($refusals -join '; ')) }
    $expected = @{}
    foreach ($dll in $dlls) { $expected[$dll.Name] = Get-ExreadyFileHash $dll.FullName }
    $remoteStaging = 'exready-module-' + [guid]::NewGuid().ToString('N')
    $session = New-PSSession -ComputerName ([string]$request.server) -UseSSL -Port 5986
    $remoteTemp = Invoke-Command -Session $session -ScriptBlock { param($Name) (New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) $Name) -Force).FullName } -ArgumentList $remoteStaging
    foreach ($dll in $dlls) { Copy-Item -LiteralPath $dll.FullName -Destination $remoteTemp -ToSession $session -Force }
    $installed = Invoke-Command -Session $session -ScriptBlock $install -ArgumentList ([string]$request.binPath), $remoteTemp, ([string]$request.backupSuffix)
    $mismatch = @($installed.files | Where-Object { $expected[$_.name] -ne $_.sha256 })
    $status = 'deployed'
    $message = $null
    if ($mismatch.Count -gt 0) { $status = 'failed'; $message = 'The hash after copying did not match for ' + (($mismatch | ForEach-Object { $_.name }) -join ', ') }
    $result = [pscustomobject]@{ exreadyResult = 1; status = $status; binPath = [string]$request.binPath; createdBin = [bool]$installed.createdBin; files = @($installed.files | Select-Object -Property 'name', 'sha256', 'fileVersion', 'backup'); signature = $signature; error = $message }
} catch {
    $result = [pscustomobject]@{ exreadyResult = 1; status = 'failed'; binPath = [string]$request.binPath; createdBin = $false; files = @(); signature = $null; error = [string]$_.Exception.Message }
} finally {
    if ($null -ne $session) { Remove-PSSession -Session $session }
    if ($null -ne $staging) { Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue }
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress -Depth 5))
