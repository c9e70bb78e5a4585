# Proves the sync service's own connection path once, on demand: from the sync server (reached over HTTPS 5986, as the
# collection reaches it), hop 1 New-PSSession to the Exchange server over HTTPS 5986 as the service account; inside it,
# hop 2 to the Exchange endpoint (default http://<exchange>/PowerShell, Microsoft.Exchange, Kerberos) and one read-only
# cmdlet (Get-ExchangeServer <exchange>); both sessions closed. Changes nothing.
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument: no value is ever spliced into
# script text. The service account's password is not among them: a command line lands in process-creation auditing and
# script block logging, so it is read from standard input (its first line). It then travels only as data (an
# Invoke-Command argument, encrypted by the HTTPS session), becomes a SecureString/PSCredential on the sync server and
# is never printed.
# Prints one JSON line {exreadyProof, syncServer, exchangeServer, serviceAccount, secondHop, hops, exchangeServerSeen, refused}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'

# The error record's facts (codes and type names, not only its text); runs on whichever machine the hop starts from.
function ConvertTo-ExreadyHopError {
    param($Record, $Exception)
    # A record taken from a thrown exception's ErrorRecord holds a placeholder exception: the thrown one says what happened.
    if ($null -eq $Exception) { $Exception = $Record.Exception }
    $exception = $Exception
    $types = @()
    $walk = $exception
    while ($null -ne $walk) {
        $types += $walk.GetType().FullName
        # An error raised in a remote runspace arrives as a RemoteException holding the original's type names.
        if ($walk.PSObject.Properties['SerializedRemoteException'] -and $null -ne $walk.SerializedRemoteException) {
            $types += ([string]$walk.SerializedRemoteException.PSObject.TypeNames[0]) -replace '^Deserialized\.', ''
        }
        $walk = $walk.InnerException
    }
    $transport = $null
    if ($exception.PSObject.Properties['ErrorCode'] -and $null -ne $exception.ErrorCode) { $transport = [int]$exception.ErrorCode }
    $hResult = $null
    if ($null -ne $exception.HResult) { $hResult = [int]$exception.HResult }
    $message = [string]$exception.Message
    $codes = @([regex]::Matches($message, '0x[0-9A-Fa-f]{8}') | ForEach-Object { '0x' + $_.Value.Substring(2).ToUpperInvariant() } | Select-Object -Unique)
    [pscustomobject]@{
        message               = $message
        fullyQualifiedErrorId = [string]$Record.FullyQualifiedErrorId
        category              = [string]$Record.CategoryInfo.Category
        transportErrorCode    = $transport
        hResult               = $hResult
        exceptionTypes        = @($types)
        codesInMessage        = @($codes)
    }
}

function New-ExreadyHopReport {
    param([string]$Hop, [string]$Target, [string]$Outcome, $Watch, $ErrorFacts)
    $ms = 0
    if ($null -ne $Watch) { $ms = [int]$Watch.ElapsedMilliseconds }
    [pscustomobject]@{ hop = $Hop; target = $Target; outcome = $Outcome; durationMs = $ms; error = $ErrorFacts }
}

# A session option with the timeouts this PowerShell can set (pwsh off Windows has neither); $null when none.
function New-ExreadyProofSessionOption {
    param([int]$TimeoutMilliseconds)
    $command = Get-Command -Name New-PSSessionOption -ErrorAction SilentlyContinue
    if ($null -eq $command) { return $null }
    $timeouts = @{}
    foreach ($name in @('OpenTimeout', 'OperationTimeout')) { if ($command.Parameters.ContainsKey($name)) { $timeouts[$name] = $TimeoutMilliseconds } }
    if ($timeouts.Count -eq 0) { return $null }
    New-PSSessionOption @timeouts
}

# Runs on the Exchange server inside hop 1: hop 2 and the cmdlet. Returns JSON text, so nothing is cut at remoting's depth.
$onExchangeServer = {
    param($Exchange, $Uri, $ConfigurationName, $Authentication, $TimeoutMilliseconds, $HelperText)
    $ErrorActionPreference = 'Stop'
    . ([scriptblock]::Create($HelperText))
    $hops = @()
    $seen = $null
    $inner = $null
    $watch = [Diagnostics.Stopwatch]::StartNew()
    try {
        $open = @{ ConnectionUri = $Uri; ConfigurationName = $ConfigurationName; Authentication = $Authentication; ErrorAction = 'Stop' }
        $option = New-ExreadyProofSessionOption -TimeoutMilliseconds $TimeoutMilliseconds
        if ($null -ne $option) { $open.SessionOption = $option }
        $inner = New-PSSession @open
        $hops += New-ExreadyHopReport -Hop 'exchange-endpoint' -Target $Uri -Outcome 'succeeded' -Watch $watch -ErrorFacts $null
    } catch {
        $hops += New-ExreadyHopReport -Hop 'exchange-endpoint' -Target $Uri -Outcome 'failed' -Watch $watch -ErrorFacts (ConvertTo-ExreadyHopError $_)
        $hops += New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $Exchange" -Outcome 'not-run' -Watch $null -ErrorFacts $null
    }
    if ($null -ne $inner) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        # A command with a parameter, not script text: the Exchange endpoint runs no language, and no value becomes code.
        $shell = [PowerShell]::Create()
        try {
            $shell.Runspace = $inner.Runspace
            $null = $shell.AddCommand('Get-ExchangeServer').AddParameter('Identity', $Exchange)
            $output = @($shell.Invoke())
            if ($shell.Streams.Error.Count -gt 0) {
                $hops += New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $Exchange" -Outcome 'failed' -Watch $watch -ErrorFacts (ConvertTo-ExreadyHopError $shell.Streams.Error[0])
            } else {
                $first = $output | Select-Object -First 1
                if ($null -ne $first) { $seen = [pscustomobject]@{ name = [string]$first.Name; fqdn = [string]$first.Fqdn; version = [string]$first.AdminDisplayVersion } }
                $hops += New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $Exchange" -Outcome 'succeeded' -Watch $watch -ErrorFacts $null
            }
        } catch {
            # Invoke() wraps what the command threw: the record that says why is the inner one.
            $record = $_
            $thrown = $_.Exception
            if ($thrown -is [System.Management.Automation.MethodInvocationException] -and $null -ne $thrown.InnerException) { $thrown = $thrown.InnerException }
            if ($thrown.PSObject.Properties['ErrorRecord'] -and $null -ne $thrown.ErrorRecord) { $record = $thrown.ErrorRecord }
            $hops += New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $Exchange" -Outcome 'failed' -Watch $watch -ErrorFacts (ConvertTo-ExreadyHopError -Record $record -Exception $thrown)
        } finally {
            $shell.Dispose()
            try { Remove-PSSession -Session $inner } catch { $null = $_ }
        }
    }
    [pscustomobject]@{ hops = @($hops); exchangeServerSeen = $seen } | ConvertTo-Json -Compress -Depth 6
}

# Runs on the sync server as the admin: the password becomes a PSCredential here, then hop 1 and, inside it, hop 2.
$onSyncServer = {
    param($Exchange, $Account, $Password, $Uri, $ConfigurationName, $Authentication, $TimeoutMilliseconds, $HelperText, $ExchangeText)
    $ErrorActionPreference = 'Stop'
    . ([scriptblock]::Create($HelperText))
    $secure = ConvertTo-SecureString -String $Password -AsPlainText -Force
    $Password = $null
    $credential = New-Object System.Management.Automation.PSCredential -ArgumentList $Account, $secure
    $hops = @()
    $seen = $null
    $session = $null
    $watch = [Diagnostics.Stopwatch]::StartNew()
    try {
        $open = @{ ComputerName = $Exchange; UseSSL = $true; Port = 5986; Credential = $credential; ErrorAction = 'Stop' }
        $option = New-ExreadyProofSessionOption -TimeoutMilliseconds $TimeoutMilliseconds
        if ($null -ne $option) { $open.SessionOption = $option }
        $session = New-PSSession @open
        $hops += New-ExreadyHopReport -Hop 'winrm-https' -Target $Exchange -Outcome 'succeeded' -Watch $watch -ErrorFacts $null
    } catch {
        $hops += New-ExreadyHopReport -Hop 'winrm-https' -Target $Exchange -Outcome 'failed' -Watch $watch -ErrorFacts (ConvertTo-ExreadyHopError $_)
        $hops += New-ExreadyHopReport -Hop 'exchange-endpoint' -Target $Uri -Outcome 'not-run' -Watch $null -ErrorFacts $null
        $hops += New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $Exchange" -Outcome 'not-run' -Watch $null -ErrorFacts $null
    }
    if ($null -ne $session) {
        try {
            $inside = [scriptblock]::Create($ExchangeText)
            $text = Invoke-Command -Session $session -ScriptBlock $inside -ArgumentList $Exchange, $Uri, $ConfigurationName, $Authentication, $TimeoutMilliseconds, $HelperText
            $second = [string]$text | ConvertFrom-Json
            $hops += @($second.hops)
            $seen = $second.exchangeServerSeen
        } catch {
            $hops += New-ExreadyHopReport -Hop 'exchange-endpoint' -Target $Uri -Outcome 'failed' -Watch $null -ErrorFacts (ConvertTo-ExreadyHopError $_)
            $hops += New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $Exchange" -Outcome 'not-run' -Watch $null -ErrorFacts $null
        } finally {
            try { Remove-PSSession -Session $session } catch { $null = $_ }
        }
    }
    [pscustomobject]@{ hops = @($hops); exchangeServerSeen = $seen } | ConvertTo-Json -Compress -Depth 6
}

# Why the request cannot run, naming the field; $null when it can.
function Get-ExreadyProofProblem {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    foreach ($field in 'syncServer', 'exchangeServer') {
        if (-not ($Request.$field -is [string] -and $Request.$field -match $dns)) { return "${field}: '$($Request.$field)' is not a DNS name" }
    }
    if (-not ($Request.serviceAccount -is [string] -and $Request.serviceAccount -match '^[^\\]+\\[^\\]+$|^[^@]+@[^@]+$')) { return "serviceAccount: '$($Request.serviceAccount)' is not DOMAIN\name or name@domain" }
    # The password is never named with its value, nor taken from the logged parameters.
    if ($null -ne $Request.PSObject.Properties['password']) { return 'password: not accepted among the parameters (a command line can be logged); it is read from standard input' }
    $hop = $Request.secondHop
    if ($null -eq $hop -or -not ($hop.uri -is [string] -and $hop.uri -match '^https?://')) { return "secondHop.uri: '$($hop.uri)' is not an http or https URI" }
    if (-not ($hop.configurationName -is [string] -and $hop.configurationName -match '^[A-Za-z0-9._-]+$')) { return "secondHop.configurationName: '$($hop.configurationName)' is not a session configuration name" }
    if (@('Kerberos', 'Negotiate', 'Default') -cnotcontains $hop.authentication) { return "secondHop.authentication: '$($hop.authentication)' is not Kerberos, Negotiate or Default" }
    $null
}

$request = $null
$password = ''
$out = [ordered]@{ exreadyProof = 1; syncServer = ''; exchangeServer = ''; serviceAccount = ''; secondHop = $null; hops = @(); exchangeServerSeen = $null; refused = $null }
try {
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = 'ParametersBase64: not base64 of UTF-8 JSON' }
    if ($null -eq $problem) { $problem = Get-ExreadyProofProblem $request }
    if ($null -ne $request -and $request -is [System.Management.Automation.PSCustomObject]) {
        $out.syncServer = [string]$request.syncServer
        $out.exchangeServer = [string]$request.exchangeServer
        $out.serviceAccount = [string]$request.serviceAccount
        $out.secondHop = $request.secondHop
    }
    if ($null -eq $problem) {
        $line = [Console]::In.ReadLine()
        if ($null -ne $line) { $password = $line }
        if ($password.Length -eq 0) { $problem = 'password: none on standard input; type the service account''s password for the proof' }
    }
    if ($null -ne $problem) {
        $out.refused = [string]$problem
    } else {
        $timeout = 60000
        if ($request.timeoutSeconds) { $timeout = [int]$request.timeoutSeconds * 1000 }
        $helperText = @('ConvertTo-ExreadyHopError', 'New-ExreadyHopReport', 'New-ExreadyProofSessionOption' | ForEach-Object {
                "function $_ {`n$((Get-Command -Name $_ -CommandType Function).Definition)`n}"
            }) -join "`n"
        $arguments = @($out.exchangeServer, $out.serviceAccount, $password, [string]$request.secondHop.uri, [string]$request.secondHop.configurationName,
            [string]$request.secondHop.authentication, $timeout, $helperText, $onExchangeServer.ToString())
        $watch = [Diagnostics.Stopwatch]::StartNew()
        try {
            # HTTPS 5986 to the sync server, as the collection connects; the admin's own identity, not the service account.
            $text = Invoke-Command -ComputerName $out.syncServer -UseSSL -Port 5986 -ScriptBlock $onSyncServer -ArgumentList $arguments
            $result = [string]$text | ConvertFrom-Json
            $reached = New-ExreadyHopReport -Hop 'sync-server' -Target $out.syncServer -Outcome 'succeeded' -Watch $watch -ErrorFacts $null
            $out.hops = @($reached) + @($result.hops)
            $out.exchangeServerSeen = $result.exchangeServerSeen
        } catch {
            $out.hops = @(
                New-ExreadyHopReport -Hop 'sync-server' -Target $out.syncServer -Outcome 'failed' -Watch $watch -ErrorFacts (ConvertTo-ExreadyHopError $_)
                New-ExreadyHopReport -Hop 'winrm-https' -Target $out.exchangeServer -Outcome 'not-run' -Watch $null -ErrorFacts $null
                New-ExreadyHopReport -Hop 'exchange-endpoint' -Target ([string]$request.secondHop.uri) -Outcome 'not-run' -Watch $null -ErrorFacts $null
                New-ExreadyHopReport -Hop 'exchange-cmdlet' -Target "Get-ExchangeServer $($out.exchangeServer)" -Outcome 'not-run' -Watch $null -ErrorFacts $null
            )
        }
    }
} catch {
    $out.refused = "The proof could not run: $($_.Exception.Message)"
}
# Belt and braces: an error text that echoed the password must not carry it out (the texts are the only free text).
foreach ($hop in @($out.hops)) {
    if ($password.Length -gt 0 -and $null -ne $hop.error -and ([string]$hop.error.message).Contains($password)) {
        $hop.error.message = '(withheld: the error text held the password)'
    }
}
$password = $null
$out | ConvertTo-Json -Compress -Depth 8
