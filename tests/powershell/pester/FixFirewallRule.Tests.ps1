# New-ExreadyFirewallRule.ps1 against NetSecurity stand-ins that keep rules per policy store: it reads the ActiveStore
# (local and Group Policy rules) so a GPO rule that already opens 5986 is not duplicated, and it validates its addresses.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/NetSecurity.ps1')
    $path = Get-ExreadyFixScriptPath -Name 'New-ExreadyFirewallRule.ps1'
    $run = { param($Request) Read-ExreadyFixResult -Output @(& $path -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    $ruleName = 'ExReady-WinRM-HTTPS-In'
    $persistentNames = { @(Get-NetFirewallRule -PolicyStore PersistentStore | ForEach-Object { $_.Name }) }
}

Describe 'New-ExreadyFirewallRule.ps1' {
    BeforeEach {
        Reset-ExreadyNetSecurity
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
    }

    It 'creates the rule for TCP 5986 on the Domain profile, scoped to the sync servers' {
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11', '10.20.0.12') }
        $result.status | Should -Be 'applied'
        $result.changed | Should -BeTrue
        $result.before.rule | Should -BeNullOrEmpty
        @($result.after.rule.remoteAddresses) | Should -Be @('10.20.0.11', '10.20.0.12')
        $rule = Get-NetFirewallRule -Name $ruleName
        [string]$rule.Profile | Should -Be 'Domain'
        [string]$rule.Action | Should -Be 'Allow'
        @((Get-NetFirewallPortFilter -All | Where-Object InstanceID -EQ $rule.InstanceID).LocalPort) | Should -Be @('5986')
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'exch01.contoso.com' -and $UseSSL -and $Port -eq 5986 }
    }

    It 'changes nothing when its rule already allows exactly these addresses' {
        $null = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $result.status | Should -Be 'unchanged'
        $result.changed | Should -BeFalse
        (& $persistentNames).Count | Should -Be 1
    }

    It 'adds no rule when Group Policy already allows 5986 from these addresses, and names the GPO rule' {
        Add-ExreadyFirewallRuleStandIn -Name '{6F1E2D3C-0000-4000-8000-000000005986}' -DisplayName 'WinRM HTTPS (GPO)' -Store 'RSOP' -Profile 'Domain' -RemoteAddress '10.20.0.0/16', '10.20.0.11'
        Add-ExreadyFirewallRuleStandIn -Name 'Any-Port-Other-App' -LocalPort 'Any' -Program 'C:\app.exe'
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $result.status | Should -Be 'unchanged'
        $result.message | Should -Match 'WinRM HTTPS \(GPO\) \(from Group Policy\) already allows TCP 5986'
        & $persistentNames | Should -Not -Contain $ruleName
    }

    It 'still adds its rule when the only covering rules are for another program, disabled, or for other addresses' {
        Add-ExreadyFirewallRuleStandIn -Name 'App' -LocalPort 'Any' -Program 'C:\app.exe'
        Add-ExreadyFirewallRuleStandIn -Name 'Off' -Enabled False
        Add-ExreadyFirewallRuleStandIn -Name 'Elsewhere' -Store 'RSOP' -RemoteAddress '192.168.1.0/24'
        Add-ExreadyFirewallRuleStandIn -Name 'Wifi' -InterfaceType 'Wireless'
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $result.status | Should -Be 'applied'
        & $persistentNames | Should -Contain $ruleName
    }

    It 'rescopes its existing rule to the new addresses' {
        $null = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.12') }
        $result.status | Should -Be 'applied'
        @($result.before.rule.remoteAddresses) | Should -Be @('10.20.0.11')
        @($result.after.rule.remoteAddresses) | Should -Be @('10.20.0.12')
    }

    It 'undoes by removing its rule, and says so when there is none' {
        $created = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $undo = & $run @{ server = 'exch01.contoso.com'; restore = @{ before = $created.before; after = $created.after } }
        $undo.status | Should -Be 'applied'
        & $persistentNames | Should -Not -Contain $ruleName
        (& $run @{ server = 'exch01.contoso.com'; restore = @{ before = $created.before; after = $created.after } }).status | Should -Be 'unchanged'
    }

    It 'connects over HTTP 5985 when the plan says so: 5986 may be what the firewall drops' {
        $result = & $run @{ server = 'exch01.contoso.com'; transport = 'http'; remoteAddresses = @('10.20.0.11') }
        $result.status | Should -Be 'applied'
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { -not $UseSSL -and $Port -eq 5985 }
    }

    It 'refuses a request without server and changes nothing on this machine' {
        $result = & $run @{ remoteAddresses = @('10.20.0.11') }
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^server: missing'
        (& $persistentNames).Count | Should -Be 0
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'refuses remote address <Address>, naming it' -ForEach @(
        @{ Address = 'Any' }, @{ Address = '*' }, @{ Address = '10.20.0.999' }, @{ Address = '10.20.0.0/40' }, @{ Address = 'sync01.contoso.com' }, @{ Address = '1.2.3.4; Remove-Item C:\' }, @{ Address = '10' }
    ) {
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11', $Address) }
        $result.status | Should -Be 'refused'
        $result.error | Should -BeLike "remoteAddresses: '$Address'*"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'accepts subnets, ranges, IPv6 and keywords' {
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.0/16', '10.1.0.0/255.255.0.0', '10.2.0.1-10.2.0.9', 'fd00::1', 'LocalSubnet') }
        $result.status | Should -Be 'applied'
    }

    It 'refuses a request without remote addresses' {
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^remoteAddresses: missing'
    }

    It 'answers bad base64 with exactly one refused result line' {
        $result = Read-ExreadyFixResult -Output @(& $path -ParametersBase64 'not base64!')
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^ParametersBase64'
    }

    It 'reports a cmdlet that fails as failed, in one result line' {
        Mock Invoke-Command { throw 'The WinRM client cannot complete the operation within the time specified.' }
        $result = & $run @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') }
        $result.status | Should -Be 'failed'
        $result.error | Should -Match 'within the time specified'
    }
}
