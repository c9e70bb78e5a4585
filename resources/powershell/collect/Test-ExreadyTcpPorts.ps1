# TCP connects from this machine to each target (5986 and 5985), bounded by a timeout; the raw error text is kept.
function Test-ExreadyTcpPorts {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string[]]$Targets,
        [int[]]$Ports = @(5986, 5985),
        [int]$TimeoutMilliseconds = 5000
    )

    foreach ($target in $Targets) {
        $probes = Invoke-ExreadyPart {
            foreach ($port in $Ports) {
                $outcome = 'reachable'
                $message = $null
                $client = New-Object System.Net.Sockets.TcpClient
                try {
                    $connect = $client.ConnectAsync($target, $port)
                    if (-not $connect.Wait($TimeoutMilliseconds)) {
                        $outcome = 'timed-out'
                        $message = "No answer on TCP $port within $TimeoutMilliseconds ms."
                    }
                } catch {
                    $inner = $_.Exception
                    while ($null -ne $inner.InnerException) { $inner = $inner.InnerException }
                    $message = [string]$inner.Message
                    $outcome = 'timed-out'
                    if ($inner -is [System.Net.Sockets.SocketException]) {
                        $code = [string]$inner.SocketErrorCode
                        if ($code -eq 'ConnectionRefused') { $outcome = 'refused' }
                        elseif ($code -eq 'HostNotFound' -or $code -eq 'NoData' -or $code -eq 'TryAgain') { $outcome = 'dns-failure' }
                    }
                } finally {
                    $client.Dispose()
                }
                [pscustomobject]@{ port = $port; outcome = $outcome; message = $message }
            }
        }
        [pscustomobject]@{ target = $target; probes = $probes }
    }
}
