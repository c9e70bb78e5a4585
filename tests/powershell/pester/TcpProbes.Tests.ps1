# Test-ExreadyTcpPorts against real loopback endpoints: one that accepts, one that refuses, and ones that drop.
BeforeAll {
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Invoke-ExreadyPart.ps1')
    . (Join-Path $collect 'Test-ExreadyTcpPorts.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Probes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    $listening = New-ExreadyListeningPort
    $refusing = New-ExreadyRefusingPort
    $dropping = @(1..8 | ForEach-Object { New-ExreadyDroppingPort })
}

AfterAll {
    foreach ($endpoint in @($listening, $refusing) + $dropping) { if ($endpoint) { & $endpoint.Close } }
}

Describe 'Test-ExreadyTcpPorts' {
    It 'tells reachable, refused and timed-out apart, port by port in the order asked' {
        $result = @(Test-ExreadyTcpPorts -Targets '127.0.0.1' -Ports $listening.Port, $refusing.Port, $dropping[0].Port -TimeoutMilliseconds 1000)
        $result.Count | Should -Be 1
        $result[0].target | Should -Be '127.0.0.1'
        $result[0].probes.status | Should -Be 'collected'
        @($result[0].probes.value | ForEach-Object { $_.port }) | Should -Be @($listening.Port, $refusing.Port, $dropping[0].Port)
        @($result[0].probes.value | ForEach-Object { $_.outcome }) | Should -Be @('reachable', 'refused', 'timed-out')
        $result[0].probes.value[0].message | Should -BeNullOrEmpty
        $result[0].probes.value[1].message | Should -Not -BeNullOrEmpty
        $result[0].probes.value[2].message | Should -Be "No answer on TCP $($dropping[0].Port) within 1000 ms."
    }

    It 'waits one timeout for eight dropped ports, not eight (all connects start at once)' {
        $timeout = 750
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $result = @(Test-ExreadyTcpPorts -Targets '127.0.0.1' -Ports @($dropping | ForEach-Object { $_.Port }) -TimeoutMilliseconds $timeout)
        $clock.Stop()
        @($result[0].probes.value | Where-Object { $_.outcome -eq 'timed-out' }).Count | Should -Be 8
        # One after another they would take 8 x 750 ms = 6 s; together one timeout and the overhead, far under 4.
        $clock.ElapsedMilliseconds | Should -BeLessThan (4 * $timeout)
    }

    It 'answers one line per target, in order, a repeated target twice' {
        $result = @(Test-ExreadyTcpPorts -Targets '127.0.0.1', '127.0.0.1' -Ports $listening.Port -TimeoutMilliseconds 2000)
        $result.Count | Should -Be 2
        foreach ($line in $result) {
            @($line.probes.value).Count | Should -Be 1
            $line.probes.value.outcome | Should -Be 'reachable'
        }
    }

    It 'keeps its shape through remoting: target, then probes collected with port, outcome and message' {
        $remoted = Test-ExreadyTcpPorts -Targets '127.0.0.1' -Ports $refusing.Port -TimeoutMilliseconds 1000 | ConvertTo-ExreadyRemoted
        $json = $remoted | ConvertTo-Json -Depth 6 -Compress
        $json | Should -Match '^\{"target":"127\.0\.0\.1","probes":\{"status":"collected","value":\{"port":\d+,"outcome":"refused","message":"[^"]+"\}\}\}$'
    }

    It 'closes every client: the listener sees the probe connection end' {
        $accept = $listening.Listener.AcceptTcpClientAsync()
        $null = Test-ExreadyTcpPorts -Targets '127.0.0.1' -Ports $listening.Port -TimeoutMilliseconds 2000
        $accept.Wait(5000) | Should -BeTrue
        $server = $accept.Result
        try {
            $server.Client.ReceiveTimeout = 5000
            # Read returns 0 bytes once the other side has closed its socket.
            $server.GetStream().Read((New-Object byte[] 1), 0, 1) | Should -Be 0
        } finally {
            $server.Dispose()
        }
    }

    It 'starts the connects before the caller waits for them (Start-, then Wait-ExreadyTcpProbes)' {
        $accept = $listening.Listener.AcceptTcpClientAsync()
        $probeSet = Start-ExreadyTcpProbes -Targets '127.0.0.1' -Ports $listening.Port -TimeoutMilliseconds 5000
        try {
            $accept.Wait(5000) | Should -BeTrue
            $accept.Result.Dispose()
        } finally {
            $result = @(Wait-ExreadyTcpProbes -ProbeSet $probeSet)
        }
        $result[0].probes.value.outcome | Should -Be 'reachable'
        @($probeSet.attempts | Where-Object { $null -ne $_.client }).Count | Should -Be 0
    }

    It 'reads a host name that does not resolve, a refusal and anything else from the socket error' {
        $cases = @{
            HostNotFound      = 'dns-failure'
            TryAgain          = 'dns-failure'
            NoData            = 'dns-failure'
            ConnectionRefused = 'refused'
            TimedOut          = 'timed-out'
            NetworkUnreachable = 'timed-out'
        }
        foreach ($code in $cases.Keys) {
            $socketError = [System.Net.Sockets.SocketException]::new([int][System.Net.Sockets.SocketError]::$code)
            # A failed ConnectAsync task carries the socket error inside an AggregateException.
            $wrapped = [System.AggregateException]::new([System.Exception[]]@($socketError))
            (ConvertTo-ExreadyTcpOutcome -Exception $wrapped).outcome | Should -Be $cases[$code] -Because $code
            (ConvertTo-ExreadyTcpOutcome -Exception $wrapped).message | Should -Be $socketError.Message
        }
    }

    It 'reports a connect that cannot even start (port out of range) without stopping the others' {
        $result = @(Test-ExreadyTcpPorts -Targets '127.0.0.1' -Ports 70000, $listening.Port -TimeoutMilliseconds 2000)
        @($result[0].probes.value | ForEach-Object { $_.outcome }) | Should -Be @('timed-out', 'reachable')
        $result[0].probes.value[0].message | Should -Not -BeNullOrEmpty
    }
}
