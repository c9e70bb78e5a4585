# Recycles the Exchange app pool of owa or ecp and polls https://localhost/<app>/healthcheck.htm on the server until
# it answers 200 or the wait runs out; prints one JSON result {status, appPool, statusCode, attempts, seconds, error}.
# status is healthy, timed-out (statusCode: the last HTTP answer, or null), failed or refused.
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument: server, app, timeoutSeconds.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
# A console without a code page of its own (a remoting session, a redirected process) may refuse a new encoding.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false) } catch { Write-Verbose "The output encoding stays: $($_.Exception.Message)" }

# Why the request cannot run, naming the field; $null when it can. Nothing runs on this machine.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to recycle on' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if (-not ($Request.app -is [string] -and $Request.app)) { return 'app: missing; name the app (owa or ecp)' }
    $timeout = $Request.timeoutSeconds
    if ($null -ne $timeout -and -not (($timeout -is [int] -or $timeout -is [long]) -and $timeout -ge 1 -and $timeout -le 3600)) { return "timeoutSeconds: '$timeout' is not a whole number of seconds from 1 to 3600" }
    $null
}

$recycle = {
    param([string]$App, [int]$TimeoutSeconds)
    $ErrorActionPreference = 'Stop'
    # Only the two pools ExReady changes; the name is looked up, never taken from the request.
    $pools = @{ owa = 'MSExchangeOWAAppPool'; ecp = 'MSExchangeECPAppPool' }
    if (-not $pools.ContainsKey($App)) {
        return [pscustomobject]@{ exreadyResult = 1; status = 'refused'; appPool = $null; statusCode = $null; attempts = 0; seconds = 0; error = "No app pool is known for '$App'." }
    }
    $pool = $pools[$App]
    $appcmd = Join-Path $env:windir 'System32\inetsrv\appcmd.exe'
    # Windows PowerShell 5.1 turns redirected native stderr into a terminating error under 'Stop': read it as text.
    $ErrorActionPreference = 'Continue'
    $output = (& $appcmd recycle apppool "/apppool.name:$pool" 2>&1 | ForEach-Object { [string]$_ }) -join ' '
    $exitCode = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($exitCode -ne 0) {
        return [pscustomobject]@{ exreadyResult = 1; status = 'failed'; appPool = $pool; statusCode = $null; attempts = 0; seconds = 0; error = "appcmd recycle failed: $output" }
    }
    # localhost does not match the certificate's name; only this health probe skips the name check.
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $attempts = 0
    $code = $null
    $lastError = $null
    # The shell is reused for later scripts: the relaxed check is put back whatever happens.
    [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }
    try {
        while ($attempts -eq 0 -or $watch.Elapsed.TotalSeconds -lt $TimeoutSeconds) {
            $attempts += 1
            try {
                $web = [System.Net.WebRequest]::Create("https://localhost/$App/healthcheck.htm")
                $web.Timeout = 10000
                $response = $web.GetResponse()
                $code = [int]$response.StatusCode
                $response.Close()
                if ($code -eq 200) { break }
            } catch {
                $lastError = [string]$_.Exception.Message
                if ($_.Exception.InnerException -is [System.Net.WebException] -and $_.Exception.InnerException.Response) {
                    $code = [int]$_.Exception.InnerException.Response.StatusCode
                }
            }
            if ($watch.Elapsed.TotalSeconds + 5 -ge $TimeoutSeconds) { break }
            Start-Sleep -Seconds 5
        }
    } finally {
        [Net.ServicePointManager]::ServerCertificateValidationCallback = $null
    }
    # statusCode is the last HTTP answer the probe got (null if none answered).
    $status = 'timed-out'
    if ($code -eq 200) { $status = 'healthy'; $lastError = $null }
    [pscustomobject]@{ exreadyResult = 1; status = $status; appPool = $pool; statusCode = $code; attempts = $attempts; seconds = [int]$watch.Elapsed.TotalSeconds; error = $lastError }
}

try {
    $request = $null
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = "ParametersBase64: not base64 of UTF-8 JSON ($($_.Exception.Message))" }
    if ($null -eq $problem) { $problem = & $invalid $request }
    if ($null -ne $problem) {
        $result = [pscustomobject]@{ exreadyResult = 1; status = 'refused'; appPool = $null; statusCode = $null; attempts = 0; seconds = 0; error = [string]$problem }
    } else {
        $timeout = 300
        if ($request.timeoutSeconds) { $timeout = [int]$request.timeoutSeconds }
        $arguments = @([string]$request.app, $timeout)
        $result = Invoke-Command -ComputerName ([string]$request.server) -UseSSL -Port 5986 -ScriptBlock $recycle -ArgumentList $arguments
        $result = $result | Select-Object -Property 'exreadyResult', 'status', 'appPool', 'statusCode', 'attempts', 'seconds', 'error'
    }
} catch {
    $result = [pscustomobject]@{ exreadyResult = 1; status = 'failed'; appPool = $null; statusCode = $null; attempts = 0; seconds = 0; error = [string]$_.Exception.Message }
}
[Console]::Out.WriteLine(($result | ConvertTo-Json -Compress -Depth 5))
