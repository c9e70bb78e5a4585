# Invoke-ExreadyCollection.ps1 itself: its phases run at once, lines stream as servers answer, and every exit path ends with done.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Probes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Collection.ps1')
    $collector = Join-Path $PSScriptRoot '../../../resources/powershell/collect/Invoke-ExreadyCollection.ps1'
    $runId = '3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b'
    $InvokeCommandCalls = [System.Collections.Generic.List[object]]::new()
    $RemoteAnswers = @{}
    # Exchange servers named by loopback addresses, so the jump host's own connects stay on this machine (and are refused).
    function New-Request {
        param([string[]]$Exchange, [string[]]$Sync = @())
        @{ runId = $runId; exchangeServers = $Exchange; syncServers = $Sync; serviceAccount = 'CONTOSO\svc-sync'; throttle = 4; timeoutSeconds = 30 }
    }
    function Set-Answers {
        param([object[]]$Answers)
        $InvokeCommandCalls.Clear()
        $RemoteAnswers.Clear()
        foreach ($answer in $Answers) { $RemoteAnswers[$answer.computer] = $answer }
    }
    function New-Facts {
        param([string]$Name)
        [pscustomobject]@{ collectedAt = [DateTime]::UtcNow; name = $Name; trustedHosts = [pscustomobject]@{ status = 'collected'; value = [pscustomobject]@{ value = ''; source = $null } } }
    }
    function Get-Kinds { param($Run) @($Run.lines | ForEach-Object { $_.kind }) }
    function Get-Line { param($Run, [string]$Kind, $Server) @($Run.lines | Where-Object { $_.kind -eq $Kind -and $_.server -eq $Server }) }
}

AfterAll {
    Get-Job | Where-Object { $_.PSJobTypeName -eq 'ThreadJob' } | Remove-Job -Force
}

Describe 'Invoke-ExreadyCollection.ps1' {
    It 'prints every Exchange server, every sync server and the jump host, then done with the counts' {
        Set-Answers @(
            New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01')
            New-ExreadyRemoteAnswer -ComputerName 'sync01.contoso.test' -Facts ([pscustomobject]@{ trustedHosts = 'sync' })
        )
        $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11', '127.0.0.12' -Sync 'sync01.contoso.test')
        $run.thrown | Should -BeNullOrEmpty
        $facts = Get-Line $run 'server-facts' '127.0.0.11'
        $facts.Count | Should -Be 1
        $facts[0].data.name | Should -Be 'exch01'
        $facts[0].data.PSObject.Properties['PSComputerName'] | Should -BeNullOrEmpty
        $facts[0].data.PSObject.Properties['RunspaceId'] | Should -BeNullOrEmpty
        (Get-Line $run 'server-error' '127.0.0.12')[0].data.fullyQualifiedErrorId | Should -Match '^ComputerNotFound,PSSessionStateBroken'
        (Get-Line $run 'sync-facts' 'sync01.contoso.test').Count | Should -Be 1
        $jumpHost = Get-Line $run 'jumphost-facts' $null
        $jumpHost.Count | Should -Be 1
        @($jumpHost[0].data.reachability | ForEach-Object { $_.target }) | Should -Be @('127.0.0.11', '127.0.0.12')
        @($jumpHost[0].data.adComputers | ForEach-Object { $_.server }) | Should -Be @('127.0.0.11', '127.0.0.12')
        $run.lines[-1].kind | Should -Be 'done'
        $run.lines[-1].data | Should -BeLike '*serverFacts=1*syncFacts=1*errors=1*warnings=0*'
        @($run.lines | Where-Object { $_.runId -ne $runId }).Count | Should -Be 0
    }

    It 'opens WinRM over HTTPS 5986 with the throttle and both session timeouts, as remoting jobs' {
        Set-Answers @(New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01'))
        $null = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11' -Sync 'sync01.contoso.test')
        $InvokeCommandCalls.Count | Should -Be 2
        foreach ($call in $InvokeCommandCalls) {
            $call.AsJob | Should -BeTrue
            $call.UseSSL | Should -BeTrue
            $call.Port | Should -Be 5986
            $call.ThrottleLimit | Should -Be 4
            $call.SessionOption.OpenTimeout | Should -Be 30000
            $call.SessionOption.OperationTimeout | Should -Be 30000
        }
        @($InvokeCommandCalls[1].ArgumentList[0]) | Should -Be @('127.0.0.11')
    }

    It 'sends the Exchange servers a script that reads their own TrustedHosts' {
        Set-Answers @(New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01'))
        $null = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11')
        $serverScript = $InvokeCommandCalls[0].ScriptText
        $serverScript | Should -Match 'function Get-ExreadyTrustedHosts'
        $serverScript | Should -Match 'trustedHosts\s+= Invoke-ExreadyPart \{ Get-ExreadyTrustedHosts \}'
    }

    It 'prints a server''s line the moment it arrives, while the other servers are still answering' {
        $printed = [System.Threading.ManualResetEventSlim]::new($false)
        Set-Answers @(
            New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01')
            # exch02 answers only once exch01's line is on the console (or, 10 s later, marked late).
            New-ExreadyRemoteAnswer -ComputerName '127.0.0.12' -Facts (New-Facts 'exch02') -WaitFor $printed
        )
        $writer = [ExreadySignallingWriter]::new('"server":"127.0.0.11"', $printed)
        $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11', '127.0.0.12') -Writer $writer
        (Get-Line $run 'server-facts' '127.0.0.12')[0].data.PSObject.Properties['late'] | Should -BeNullOrEmpty
        $run.lines[-1].kind | Should -Be 'done'
    }

    It 'runs the sync servers while the Exchange servers are still answering' {
        $syncStarted = [System.Threading.ManualResetEventSlim]::new($false)
        Set-Answers @(
            # The Exchange server answers only once a sync server has begun (or, 10 s later, marked late).
            New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01') -WaitFor $syncStarted
            New-ExreadyRemoteAnswer -ComputerName 'sync01.contoso.test' -Facts ([pscustomobject]@{ trustedHosts = 'sync' }) -SignalFirst $syncStarted
        )
        $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11' -Sync 'sync01.contoso.test')
        (Get-Line $run 'server-facts' '127.0.0.11')[0].data.PSObject.Properties['late'] | Should -BeNullOrEmpty
        (Get-Line $run 'sync-facts' 'sync01.contoso.test').Count | Should -Be 1
    }

    It 'makes the jump host''s own connects while the Exchange servers are still answering' {
        $exchange = New-ExreadyListeningPort -Address '127.0.0.21' -Port 5986
        try {
            $accepted = $exchange.Listener.AcceptTcpClientAsync()
            # The Exchange server answers only once the jump host has connected to its 5986 (or, 10 s later, marked late).
            Set-Answers @(New-ExreadyRemoteAnswer -ComputerName '127.0.0.21' -Facts (New-Facts 'exch21') -WaitFor $accepted)
            $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.21')
            (Get-Line $run 'server-facts' '127.0.0.21')[0].data.PSObject.Properties['late'] | Should -BeNullOrEmpty
            $probes = (Get-Line $run 'jumphost-facts' $null)[0].data.reachability[0].probes.value
            ($probes | Where-Object { $_.port -eq 5986 }).outcome | Should -Be 'reachable'
        } finally {
            if ($accepted.IsCompleted -and -not $accepted.IsFaulted) { $accepted.Result.Dispose() }
            & $exchange.Close
        }
    }

    It 'warns and goes on when one phase cannot start' {
        Set-Answers @(
            New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01')
            New-ExreadyRemoteAnswer -ComputerName 'sync01.contoso.test' -Refuse 'The WinRM client cannot process the request.'
        )
        $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11' -Sync 'sync01.contoso.test')
        (Get-Line $run 'warning' $null)[0].data | Should -Be 'The collection on the sync servers could not start: The WinRM client cannot process the request.'
        (Get-Line $run 'server-facts' '127.0.0.11').Count | Should -Be 1
        (Get-Line $run 'jumphost-facts' $null).Count | Should -Be 1
        $run.lines[-1].kind | Should -Be 'done'
    }

    It 'still prints a warning and done when the parameters cannot be read' {
        Set-Answers @()
        $run = Invoke-ExreadyCollectorCapture -Collector $collector -RawParameters 'not base64 at all!'
        $run.thrown | Should -BeNullOrEmpty
        @(Get-Kinds $run) | Should -Be @('warning', 'done')
        $run.lines[0].data | Should -BeLike 'The collection stopped: *'
    }

    Context 'on pwsh off Windows, whose New-PSSessionOption has no -OpenTimeout or -OperationTimeout' {
        BeforeAll {
            function New-PSSessionOption {
                param([switch]$SkipCACheck, [switch]$SkipCNCheck)
                [pscustomobject]@{ SkipCACheck = [bool]$SkipCACheck; SkipCNCheck = [bool]$SkipCNCheck }
            }
        }

        It 'warns that the sessions have no timeout, still collects, and prints done' {
            Set-Answers @(New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01'))
            $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11')
            $run.thrown | Should -BeNullOrEmpty
            $warning = @(Get-Line $run 'warning' $null)
            $warning.Count | Should -Be 1
            $warning[0].data | Should -BeLike '*cannot set OpenTimeout or OperationTimeout*'
            (Get-Line $run 'server-facts' '127.0.0.11').Count | Should -Be 1
            $InvokeCommandCalls[0].SessionOption.SkipCACheck | Should -BeFalse
            $run.lines[-1].kind | Should -Be 'done'
        }
    }

    Context 'on a console that refuses a new output encoding' {
        BeforeAll {
            # Windows throws "The handle is invalid." when the console's encoding is set without a console (a redirected service).
            function New-Object {
                param([Parameter(Position = 0)][string]$TypeName, [Parameter(Position = 1)][object[]]$ArgumentList)
                if ($TypeName -eq 'System.Text.UTF8Encoding') { throw [System.IO.IOException]::new('The handle is invalid.') }
                if ($null -eq $ArgumentList) { return Microsoft.PowerShell.Utility\New-Object -TypeName $TypeName }
                Microsoft.PowerShell.Utility\New-Object -TypeName $TypeName -ArgumentList $ArgumentList
            }
        }

        It 'warns that text may arrive garbled, still collects, and prints done' {
            Set-Answers @(New-ExreadyRemoteAnswer -ComputerName '127.0.0.11' -Facts (New-Facts 'exch01'))
            $run = Invoke-ExreadyCollectorCapture -Collector $collector -Parameters (New-Request -Exchange '127.0.0.11')
            $run.thrown | Should -BeNullOrEmpty
            (Get-Line $run 'warning' $null)[0].data | Should -BeLike "*output encoding could not be set to UTF-8 (The handle is invalid.)*"
            (Get-Line $run 'server-facts' '127.0.0.11').Count | Should -Be 1
            $run.lines[-1].kind | Should -Be 'done'
        }
    }
}
