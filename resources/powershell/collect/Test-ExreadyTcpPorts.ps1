# TCP connects from this machine to each target (5986 and 5985), all started at once and bounded by one timeout; the raw error text is kept.

# The outcome of one failed connect from its exception: refused, dns-failure, or timed-out for anything else.
function ConvertTo-ExreadyTcpOutcome {
    param([Parameter(Mandatory)][System.Exception]$Exception)

    $inner = $Exception
    while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
    $outcome = 'timed-out'
    if ($inner -is [System.Net.Sockets.SocketException]) {
        $code = [string]$inner.SocketErrorCode
        if ($code -eq 'ConnectionRefused') { $outcome = 'refused' }
        elseif ($code -eq 'HostNotFound' -or $code -eq 'NoData' -or $code -eq 'TryAgain') { $outcome = 'dns-failure' }
    }
    [pscustomobject]@{ outcome = $outcome; message = [string]$inner.Message }
}

# Starts every connect (targets x ports) without waiting, so N silent ports cost one timeout, not N.
function Start-ExreadyTcpProbes {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][AllowEmptyCollection()][string[]]$Targets,
        [int[]]$Ports = @(5986, 5985),
        [int]$TimeoutMilliseconds = 5000
    )

    $attempts = New-Object System.Collections.Generic.List[object]
    for ($index = 0; $index -lt $Targets.Count; $index++) {
        $target = $Targets[$index]
        foreach ($port in $Ports) {
            $attempt = [pscustomobject]@{ index = $index; port = $port; client = $null; task = $null; failure = $null }
            try {
                $attempt.client = New-Object System.Net.Sockets.TcpClient
                $attempt.task = $attempt.client.ConnectAsync($target, $port)
            } catch {
                $attempt.failure = $_.Exception
            }
            $attempts.Add($attempt)
        }
    }
    [pscustomobject]@{
        targets             = @($Targets)
        attempts            = $attempts
        deadline            = [DateTime]::UtcNow.AddMilliseconds($TimeoutMilliseconds)
        timeoutMilliseconds = $TimeoutMilliseconds
    }
}

# Disposes every client of a probe set (a pending connect is abandoned).
function Stop-ExreadyTcpProbes {
    [CmdletBinding()]
    param([Parameter(Mandatory)]$ProbeSet)

    foreach ($attempt in $ProbeSet.attempts) {
        if ($null -ne $attempt.client) {
            try { $attempt.client.Dispose() } catch { $null = $_ }
            $attempt.client = $null
        }
    }
}

# Waits until every connect has answered or the set's deadline has passed, then reports one line per target and disposes the clients.
function Wait-ExreadyTcpProbes {
    [CmdletBinding()]
    param([Parameter(Mandatory)]$ProbeSet)

    try {
        $pending = @($ProbeSet.attempts | Where-Object { $null -ne $_.task } | ForEach-Object { $_.task })
        $remaining = [int][Math]::Max(0, ($ProbeSet.deadline - [DateTime]::UtcNow).TotalMilliseconds)
        if ($pending.Count -gt 0) {
            # WaitAll throws once every task has ended if any of them failed; the outcomes are read per task below.
            try { $null = [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]]$pending, $remaining) } catch { $null = $_ }
        }
        for ($index = 0; $index -lt $ProbeSet.targets.Count; $index++) {
            $probes = Invoke-ExreadyPart {
                foreach ($attempt in @($ProbeSet.attempts | Where-Object { $_.index -eq $index })) {
                    $outcome = 'reachable'
                    $message = $null
                    if ($null -ne $attempt.failure) {
                        $failed = ConvertTo-ExreadyTcpOutcome -Exception $attempt.failure
                        $outcome = $failed.outcome
                        $message = $failed.message
                    } elseif ($attempt.task.IsFaulted) {
                        $failed = ConvertTo-ExreadyTcpOutcome -Exception $attempt.task.Exception
                        $outcome = $failed.outcome
                        $message = $failed.message
                    } elseif (-not $attempt.task.IsCompleted -or $attempt.task.IsCanceled) {
                        $outcome = 'timed-out'
                        $message = "No answer on TCP $($attempt.port) within $($ProbeSet.timeoutMilliseconds) ms."
                    }
                    [pscustomobject]@{ port = $attempt.port; outcome = $outcome; message = $message }
                }
            }
            [pscustomobject]@{ target = $ProbeSet.targets[$index]; probes = $probes }
        }
    } finally {
        Stop-ExreadyTcpProbes -ProbeSet $ProbeSet
    }
}

function Test-ExreadyTcpPorts {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][AllowEmptyCollection()][string[]]$Targets,
        [int[]]$Ports = @(5986, 5985),
        [int]$TimeoutMilliseconds = 5000
    )

    $probeSet = Start-ExreadyTcpProbes -Targets $Targets -Ports $Ports -TimeoutMilliseconds $TimeoutMilliseconds
    Wait-ExreadyTcpProbes -ProbeSet $probeSet
}
