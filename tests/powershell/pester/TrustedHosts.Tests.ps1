# TrustedHosts as each machine's WinRM client reports it: on a sync server (with its TCP connects) and on an Exchange server itself.
BeforeAll {
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    # The server script as the collector builds it (Invoke-ExreadyCollection.ps1, phase 1).
    foreach ($name in @(
            'Invoke-ExreadyPart.ps1', 'Get-ExreadyWinrmService.ps1', 'Get-ExreadyWinrmListeners.ps1', 'Get-ExreadyWinrmServiceAuth.ps1',
            'Get-ExreadySessionConfigurations.ps1', 'Get-ExreadyLocalGroupMembers.ps1', 'Get-ExreadyCertificates.ps1',
            'Get-ExreadyFirewallRules.ps1', 'Get-ExreadyMfaFacts.ps1', 'Get-ExreadyTrustedHosts.ps1', 'Get-ExreadyServerFacts.ps1',
            'Test-ExreadyTcpPorts.ps1', 'Get-ExreadySyncFacts.ps1')) {
        . (Join-Path $collect $name)
    }
    . (Join-Path $PSScriptRoot '../stand-ins/Probes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    $trustedHostsPath = 'WSMan:\localhost\Client\TrustedHosts'
    # What Get-Item says when the WinRM service is stopped (the WSMan provider cannot reach it).
    $winrmStopped = 'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests.'
    $stoppedRecord = [System.Management.Automation.ErrorRecord]::new(
        [System.InvalidOperationException]::new($winrmStopped), 'System.InvalidOperationException,Microsoft.PowerShell.Commands.GetItemCommand',
        [System.Management.Automation.ErrorCategory]::InvalidOperation, $trustedHostsPath)
}

Describe 'Get-ExreadyTrustedHosts' {
    It 'reads the value and that Group Policy sets it' {
        Mock Get-Item { New-ExreadyWsmanLeaf -Name 'TrustedHosts' -Value '*' -SourceOfValue 'GPO' } -ParameterFilter { $Path -eq $trustedHostsPath }
        $facts = Get-ExreadyTrustedHosts | ConvertTo-ExreadyRemoted
        $facts.value | Should -Be '*'
        $facts.source | Should -Be 'GPO'
        Should -Invoke Get-Item -Times 1 -Exactly -ParameterFilter { $Path -eq $trustedHostsPath }
    }

    It 'reads an empty list as "" with no source' {
        Mock Get-Item { New-ExreadyWsmanLeaf -Name 'TrustedHosts' -Value '' -SourceOfValue $null } -ParameterFilter { $Path -eq $trustedHostsPath }
        (Get-ExreadyTrustedHosts | ConvertTo-ExreadyRemoted | ConvertTo-Json -Compress) | Should -Be '{"value":"","source":null}'
    }

    It 'lets the WSMan error through, for the part to report' {
        Mock Get-Item { throw $stoppedRecord } -ParameterFilter { $Path -eq $trustedHostsPath }
        { Get-ExreadyTrustedHosts } | Should -Throw -ExpectedMessage $winrmStopped
    }
}

Describe 'Get-ExreadyServerFacts' {
    It 'carries the Exchange server''s own TrustedHosts beside the other parts' {
        Mock Get-Item { New-ExreadyWsmanLeaf -Name 'TrustedHosts' -Value 'mgmt01.contoso.com,*' -SourceOfValue $null } -ParameterFilter { $Path -eq $trustedHostsPath }
        $facts = Get-ExreadyServerFacts | ConvertTo-ExreadyRemoted
        $facts.trustedHosts.status | Should -Be 'collected'
        $facts.trustedHosts.value.value | Should -Be 'mgmt01.contoso.com,*'
        $facts.trustedHosts.value.source | Should -BeNullOrEmpty
        foreach ($part in @('winrmService', 'listeners', 'serviceAuth', 'sessionConfigurations', 'localGroups', 'certificates', 'firewallRules')) {
            $facts.PSObject.Properties[$part] | Should -Not -BeNullOrEmpty -Because $part
        }
        ($facts | ConvertTo-Json -Depth 10 -Compress) | Should -Match '"trustedHosts":\{"status":"collected","value":\{"value":"mgmt01\.contoso\.com,\*","source":null\}\}'
    }

    It 'costs only its own part when TrustedHosts cannot be read' {
        Mock Get-Item { New-ExreadyWsmanLeaf -Name 'TrustedHosts' -Value '' -SourceOfValue $null } -ParameterFilter { $Path -eq $trustedHostsPath }
        $readable = Get-ExreadyServerFacts
        Mock Get-Item { throw $stoppedRecord } -ParameterFilter { $Path -eq $trustedHostsPath }
        $facts = Get-ExreadyServerFacts | ConvertTo-ExreadyRemoted
        $facts.trustedHosts.status | Should -Be 'not-collected'
        $facts.trustedHosts.error | Should -Be $winrmStopped
        $facts.certificates.status | Should -Be $readable.certificates.status
        $facts.firewallRules.status | Should -Be $readable.firewallRules.status
    }
}

Describe 'Get-ExreadySyncFacts' {
    BeforeAll {
        # Four Exchange servers on loopback addresses: one answers, one refuses, two drop TCP 5986 (5985 answers).
        $endpoints = @(
            New-ExreadyListeningPort -Address '127.66.0.1' -Port 5986
            New-ExreadyListeningPort -Address '127.66.0.1' -Port 5985
            New-ExreadyDroppingPort -Address '127.66.0.3' -Port 5986
            New-ExreadyListeningPort -Address '127.66.0.3' -Port 5985
            New-ExreadyDroppingPort -Address '127.66.0.4' -Port 5986
            New-ExreadyListeningPort -Address '127.66.0.4' -Port 5985
        )
    }
    AfterAll {
        foreach ($endpoint in $endpoints) { & $endpoint.Close }
    }

    It 'reads TrustedHosts and tries 5986 and 5985 to every Exchange server, all in one timeout' {
        Mock Get-Item { New-ExreadyWsmanLeaf -Name 'TrustedHosts' -Value '*.contoso.com' -SourceOfValue 'GPO' } -ParameterFilter { $Path -eq $trustedHostsPath }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $facts = Get-ExreadySyncFacts -Targets '127.66.0.1', '127.66.0.2', '127.66.0.3', '127.66.0.4' -TimeoutMilliseconds 1000 | ConvertTo-ExreadyRemoted
        $clock.Stop()
        $facts.trustedHosts.status | Should -Be 'collected'
        $facts.trustedHosts.value.value | Should -Be '*.contoso.com'
        $facts.trustedHosts.value.source | Should -Be 'GPO'
        @($facts.reachability | ForEach-Object { $_.target }) | Should -Be @('127.66.0.1', '127.66.0.2', '127.66.0.3', '127.66.0.4')
        $outcomes = @($facts.reachability | ForEach-Object { ($_.probes.value | ForEach-Object { "$($_.port):$($_.outcome)" }) -join ' ' })
        $outcomes | Should -Be @('5986:reachable 5985:reachable', '5986:refused 5985:refused', '5986:timed-out 5985:reachable', '5986:timed-out 5985:reachable')
        # Two dropped ports one after another would take two timeouts at least; together they take one.
        $clock.ElapsedMilliseconds | Should -BeLessThan 1900
    }
}
