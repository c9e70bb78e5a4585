# The MFA module area: for each app (owa, ecp) its physical path, web.config bytes, module DLLs and ExReady backups,
# then the module's newest log lines and whether this server reaches the API. Collects only; the parameters are
# profile data from the request's base64 JSON (apps, assembly name, keys, line count), never script text.

# The app's physical path from IIS; the Exchange install folder only when IIS cannot answer (the source is recorded).
function Get-ExreadyMfaAppPath {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$App)

    $site = 'Default Web Site'
    $note = $null
    $configPath = Join-Path $env:windir 'System32\inetsrv\config\applicationHost.config'
    try {
        if (Test-Path -LiteralPath $configPath) {
            $config = New-Object System.Xml.XmlDocument
            $config.Load($configPath)
            $siteNode = @($config.SelectNodes('/configuration/system.applicationHost/sites/site') | Where-Object { $_.GetAttribute('name') -eq $site })
            $appNode = $null
            if ($siteNode.Count -gt 0) { $appNode = @($siteNode[0].SelectNodes('application') | Where-Object { $_.GetAttribute('path') -eq "/$App" }) }
            if ($null -ne $appNode -and $appNode.Count -gt 0) {
                $vdir = @($appNode[0].SelectNodes('virtualDirectory') | Where-Object { $_.GetAttribute('path') -eq '/' })
                if ($vdir.Count -gt 0 -and $vdir[0].GetAttribute('physicalPath')) {
                    $physical = [Environment]::ExpandEnvironmentVariables($vdir[0].GetAttribute('physicalPath'))
                    return [pscustomobject]@{ physicalPath = $physical; source = 'applicationHost.config'; note = $null }
                }
            }
            $note = "applicationHost.config names no /$App application under $site"
        } else {
            $note = 'applicationHost.config was not found'
        }
    } catch {
        $note = "applicationHost.config could not be read: $($_.Exception.Message)"
    }
    if (Get-Module -ListAvailable -Name WebAdministration) {
        try {
            Import-Module WebAdministration -ErrorAction Stop
            $webApp = Get-WebApplication -Site $site -Name $App -ErrorAction Stop
            if ($webApp -and $webApp.PhysicalPath) {
                $physical = [Environment]::ExpandEnvironmentVariables([string]$webApp.PhysicalPath)
                return [pscustomobject]@{ physicalPath = $physical; source = 'WebAdministration'; note = $note }
            }
        } catch {
            $note = "$note; Get-WebApplication failed: $($_.Exception.Message)"
        }
    }
    if ($env:ExchangeInstallPath) {
        $fallback = Join-Path (Join-Path $env:ExchangeInstallPath 'FrontEnd\HttpProxy') $App
        return [pscustomobject]@{ physicalPath = $fallback; source = 'ExchangeInstallPath'; note = $note }
    }
    throw "IIS did not name the physical path of /$App ($note) and ExchangeInstallPath is not set"
}

function Get-ExreadySha256Hex {
    param([byte[]]$Bytes)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try { ([BitConverter]::ToString($sha.ComputeHash($Bytes))).Replace('-', '') } finally { $sha.Dispose() }
}

# An appSettings value read from the file's bytes (the XML reader honours the encoding and BOM); $null when absent.
function Get-ExreadyAppSettingValue {
    param([byte[]]$Bytes, [string]$Key)
    $doc = New-Object System.Xml.XmlDocument
    $stream = New-Object System.IO.MemoryStream(, $Bytes)
    try { $doc.Load($stream) } finally { $stream.Dispose() }
    foreach ($node in @($doc.SelectNodes('//appSettings/add'))) {
        if ($node.GetAttribute('key') -eq $Key) { return [string]$node.GetAttribute('value') }
    }
    return $null
}

function Get-ExreadyMfaBinaries {
    param([string]$PhysicalPath, [string]$AssemblyName)
    $bin = Join-Path $PhysicalPath 'bin'
    # No bin folder is a fact (nothing deployed), not an error.
    if (-not (Test-Path -LiteralPath $bin)) { return }
    Get-ChildItem -LiteralPath $bin -Filter '*.dll' -File | Where-Object { $_.Name -like "$AssemblyName*" } | ForEach-Object {
        $signature = $null
        try { $signature = Get-AuthenticodeSignature -LiteralPath $_.FullName -ErrorAction Stop } catch { $signature = $null }
        $status = $null
        $signer = $null
        if ($null -ne $signature) {
            $status = [string]$signature.Status
            if ($signature.SignerCertificate) { $signer = [string]$signature.SignerCertificate.Subject }
        }
        [pscustomobject]@{
            name            = [string]$_.Name
            fileVersion     = [string]$_.VersionInfo.FileVersion
            signatureStatus = $status
            signerSubject   = $signer
        }
    }
}

function Get-ExreadyWebConfigBackups {
    param([string]$PhysicalPath)
    Get-ChildItem -LiteralPath $PhysicalPath -Filter 'web.config.exready-*.bak' -File | Sort-Object LastWriteTimeUtc | ForEach-Object {
        [pscustomobject]@{ name = [string]$_.Name; lastWriteTimeUtc = $_.LastWriteTimeUtc.ToString('o'); length = [long]$_.Length }
    }
}

# The newest lines of the newest files, oldest first, at most $Count.
function Get-ExreadyMfaLogLines {
    param([string]$Path, [string]$PathSource, [int]$Count)
    if (-not (Test-Path -LiteralPath $Path)) { throw "The log folder $Path does not exist on this server" }
    $files = @(Get-ChildItem -LiteralPath $Path -File -Recurse | Sort-Object LastWriteTimeUtc -Descending)
    $taken = New-Object System.Collections.Generic.List[string]
    $read = New-Object System.Collections.Generic.List[string]
    foreach ($file in $files) {
        if ($taken.Count -ge $Count) { break }
        $tail = @(Get-Content -LiteralPath $file.FullName -Tail ($Count - $taken.Count) -Encoding UTF8)
        $taken.InsertRange(0, [string[]]$tail)
        $read.Add([string]$file.Name)
    }
    [pscustomobject]@{ path = $Path; pathSource = $PathSource; files = $read.ToArray(); lines = $taken.ToArray() }
}

# One GET to the API URL with a timeout; the failure is named (DNS, TCP, TLS/certificate, timeout, HTTP status).
function Test-ExreadyMfaApi {
    param([string]$Url, [int]$TimeoutSeconds)
    if (-not $Url) { return [pscustomobject]@{ url = $null; outcome = 'not-configured'; statusCode = $null; message = 'No API URL is set in web.config.' } }
    if ($Url -notmatch '^https?://') { return [pscustomobject]@{ url = $Url; outcome = 'error'; statusCode = $null; message = 'The API URL is not an http(s) address.' } }
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $outcome = 'reachable'
    $status = $null
    $message = $null
    try {
        $request = [System.Net.WebRequest]::Create($Url)
        $request.Method = 'GET'
        $request.Timeout = $TimeoutSeconds * 1000
        $request.AllowAutoRedirect = $false
        $response = $request.GetResponse()
        $status = [int]$response.StatusCode
        $response.Close()
    } catch {
        $exception = $_.Exception
        while ($exception -isnot [System.Net.WebException] -and $null -ne $exception.InnerException) { $exception = $exception.InnerException }
        $message = [string]$exception.Message
        $outcome = 'error'
        if ($exception -is [System.Net.WebException]) {
            $webStatus = [string]$exception.Status
            if ($webStatus -eq 'ProtocolError') {
                $outcome = 'http-status'
                if ($exception.Response) { $status = [int]$exception.Response.StatusCode; $exception.Response.Close() }
            }
            elseif ($webStatus -eq 'NameResolutionFailure') { $outcome = 'dns-failure' }
            elseif ($webStatus -eq 'ConnectFailure') { $outcome = 'tcp-failure' }
            elseif ($webStatus -eq 'Timeout') { $outcome = 'timed-out' }
            elseif ($webStatus -eq 'TrustFailure' -or $webStatus -eq 'SecureChannelFailure') { $outcome = 'tls-error' }
            # .NET (PowerShell 7 endpoints) says UnknownError for these: the socket or TLS error inside names them.
            $inner = $exception.InnerException
            while ($outcome -eq 'error' -and $null -ne $inner) {
                if ($inner -is [System.Security.Authentication.AuthenticationException]) { $outcome = 'tls-error' }
                elseif ($inner -is [System.Net.Sockets.SocketException]) {
                    $socketError = [string]$inner.SocketErrorCode
                    if (@('HostNotFound', 'NoData', 'TryAgain') -contains $socketError) { $outcome = 'dns-failure' }
                    elseif ($socketError -eq 'TimedOut') { $outcome = 'timed-out' }
                    elseif (@('ConnectionRefused', 'HostUnreachable', 'NetworkUnreachable', 'ConnectionReset', 'HostDown') -contains $socketError) { $outcome = 'tcp-failure' }
                }
                $inner = $inner.InnerException
            }
        }
    }
    [pscustomobject]@{ url = $Url; outcome = $outcome; statusCode = $status; message = $message }
}

function Get-ExreadyMfaFacts {
    [CmdletBinding()]
    param([Parameter(Mandatory)]$Parameters)

    $assemblyName = [string]$Parameters.assemblyName
    $apiUrl = $null
    $logPath = $null
    $apps = foreach ($app in @($Parameters.apps | ForEach-Object { [string]$_ })) {
        $path = Invoke-ExreadyPart { Get-ExreadyMfaAppPath -App $app }
        $missing = "the physical path of $app is not known"
        if ($path.status -ne 'collected') {
            [pscustomobject]@{
                app = $app; path = $path
                webConfig = [pscustomobject]@{ status = 'not-collected'; error = $missing }
                binaries = [pscustomobject]@{ status = 'not-collected'; error = $missing }
                backups = [pscustomobject]@{ status = 'not-collected'; error = $missing }
            }
            continue
        }
        $physical = [string]$path.value.physicalPath
        $webConfig = Invoke-ExreadyPart {
            $script:mfaBytes = [System.IO.File]::ReadAllBytes((Join-Path $physical 'web.config'))
            [pscustomobject]@{ base64 = [Convert]::ToBase64String($script:mfaBytes); sha256 = Get-ExreadySha256Hex $script:mfaBytes }
        }
        if ($webConfig.status -eq 'collected') {
            $bytes = $script:mfaBytes
            try {
                if (-not $apiUrl) { $apiUrl = Get-ExreadyAppSettingValue -Bytes $bytes -Key ([string]$Parameters.apiUrlKey) }
                if (-not $logPath) { $logPath = Get-ExreadyAppSettingValue -Bytes $bytes -Key ([string]$Parameters.logPathKey) }
            } catch {
                # A malformed file is reported by the rules from its bytes; the API and log reads fall back.
                Write-Verbose "appSettings of $app could not be read: $($_.Exception.Message)"
            }
        }
        [pscustomobject]@{
            app       = $app
            path      = $path
            webConfig = $webConfig
            binaries  = Invoke-ExreadyPart { Get-ExreadyMfaBinaries -PhysicalPath $physical -AssemblyName $assemblyName }
            backups   = Invoke-ExreadyPart { Get-ExreadyWebConfigBackups -PhysicalPath $physical }
        }
    }
    $logSource = 'web.config'
    if (-not $logPath) { $logPath = [string]$Parameters.defaultLogPath; $logSource = 'default' }
    [pscustomobject]@{
        profileId = [string]$Parameters.profileId
        apps      = @($apps)
        api       = Invoke-ExreadyPart { Test-ExreadyMfaApi -Url $apiUrl -TimeoutSeconds ([int]$Parameters.apiTimeoutSeconds) }
        logs      = Invoke-ExreadyPart { Get-ExreadyMfaLogLines -Path $logPath -PathSource $logSource -Count ([int]$Parameters.logLineCount) }
    }
}
