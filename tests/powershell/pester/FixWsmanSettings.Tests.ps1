# Set-ExreadyCbtHardening.ps1 and Add-ExreadyTrustedHosts.ps1 against WSMan: provider leaf stand-ins (Value, SourceOfValue).
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    # Mock bodies do not see the test's $script: scope: the stand-in state lives in one table they all reach.
    $state = @{}
    $runScript = { param($Name, $Request) Read-ExreadyFixResult -Output @(& (Get-ExreadyFixScriptPath -Name $Name) -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
}

Describe 'Set-ExreadyCbtHardening.ps1' {
    BeforeEach {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value 'Strict'
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Get-Item -ParameterFilter { $Path -eq 'WSMan:\localhost\Service\Auth\CbtHardeningLevel' } { $state.leaf }
        Mock Set-Item -ParameterFilter { $Path -eq 'WSMan:\localhost\Service\Auth\CbtHardeningLevel' } { $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value $Value }
        $cbt = { param($Request) & $runScript 'Set-ExreadyCbtHardening.ps1' $Request }
    }

    It 'sets the level the admin picked and re-reads it' {
        $result = & $cbt @{ server = 'exch01.contoso.com'; level = 'None' }
        $result.status | Should -Be 'applied'
        $result.before.level | Should -Be 'Strict'
        $result.after.level | Should -Be 'None'
        Should -Invoke Set-Item -Times 1 -Exactly -ParameterFilter { $Value -ceq 'None' }
    }

    It 'changes nothing when the level is already there' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value 'None'
        (& $cbt @{ server = 'exch01.contoso.com'; level = 'None' }).status | Should -Be 'unchanged'
        Should -Invoke Set-Item -Times 0 -Exactly
    }

    It 'refuses a level Group Policy owns' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value 'Strict' -SourceOfValue 'GPO'
        $result = & $cbt @{ server = 'exch01.contoso.com'; level = 'None' }
        $result.status | Should -Be 'refused'
        $result.message | Should -Match 'Group Policy'
        Should -Invoke Set-Item -Times 0 -Exactly
    }

    It 'refuses level <Label> without touching the server' -ForEach @(
        @{ Label = 'Bogus'; Level = 'Bogus' }, @{ Label = 'none (wrong case)'; Level = 'none' }, @{ Label = 'empty'; Level = '' }, @{ Label = 'missing'; Level = $null }
    ) {
        $request = @{ server = 'exch01.contoso.com' }
        if ($null -ne $Level) { $request.level = $Level }
        $result = & $cbt $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^level: '.*' is not exactly None, Relaxed or Strict$"
        Should -Invoke Invoke-Command -Times 0 -Exactly
        Should -Invoke Set-Item -Times 0 -Exactly
    }

    It 'puts back the audited level on undo' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value 'None'
        $result = & $cbt @{ server = 'exch01.contoso.com'; level = 'None'; restore = @{ before = @{ level = 'Relaxed' }; after = @{ level = 'None' } } }
        $result.status | Should -Be 'applied'
        $result.after.level | Should -Be 'Relaxed'
    }

    It 'refuses an undo whose audited level is not a level' {
        $result = & $cbt @{ server = 'exch01.contoso.com'; restore = @{ before = @{ level = '' }; after = @{ level = 'None' } } }
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^restore\.before\.level: '
        Should -Invoke Set-Item -Times 0 -Exactly
    }
}

Describe 'Add-ExreadyTrustedHosts.ps1' {
    BeforeEach {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'TrustedHosts' -Value 'exch02.contoso.com, legacy01.contoso.com'
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Get-Item -ParameterFilter { $Path -eq 'WSMan:\localhost\Client\TrustedHosts' } { $state.leaf }
        Mock Set-Item -ParameterFilter { $Path -eq 'WSMan:\localhost\Client\TrustedHosts' } { $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'TrustedHosts' -Value $Value }
        $trust = { param($Request) & $runScript 'Add-ExreadyTrustedHosts.ps1' $Request }
        $request = @{ server = 'exch01.contoso.com'; syncServer = 'sync01.contoso.com'; hosts = @('exch01.contoso.com') }
    }

    It 'appends the servers on the sync server and keeps every entry that was there' {
        $result = & $trust $request
        $result.status | Should -Be 'applied'
        $result.after.value | Should -Be 'exch02.contoso.com,legacy01.contoso.com,exch01.contoso.com'
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'sync01.contoso.com' }
    }

    It 'writes the first entry into an empty TrustedHosts' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'TrustedHosts' -Value ''
        (& $trust $request).after.value | Should -Be 'exch01.contoso.com'
    }

    It 'changes nothing when every server is already trusted' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'TrustedHosts' -Value 'exch01.contoso.com'
        (& $trust $request).status | Should -Be 'unchanged'
        Should -Invoke Set-Item -Times 0 -Exactly
    }

    It 'refuses TrustedHosts that Group Policy sets' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'TrustedHosts' -Value '' -SourceOfValue 'GPO'
        (& $trust $request).status | Should -Be 'refused'
        Should -Invoke Set-Item -Times 0 -Exactly
    }

    It 'adds "*" only with the risk accepted' {
        $request.hosts = @('*')
        (& $trust $request).status | Should -Be 'refused'
        $request.acceptRisk = $true
        (& $trust $request).after.value | Should -Be 'exch02.contoso.com,legacy01.contoso.com,*'
    }

    It 'takes a *.domain wildcard and an IPv6 address' {
        $request.hosts = @('*.contoso.com', 'fe80::1')
        (& $trust $request).status | Should -Be 'applied'
    }

    It 'refuses a host entry <Entry> naming the field' -ForEach @(@{ Entry = 'exch01 contoso.com' }, @{ Entry = 'exch01.contoso.com,evil.example' }, @{ Entry = '*evil' }) {
        $request.hosts = @('exch03.contoso.com', $Entry)
        $result = & $trust $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^hosts: '"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'removes exactly the entries it added on undo, putting back the old text' {
        $state.leaf = New-ExreadyWsmanLeafStandIn -Name 'TrustedHosts' -Value 'exch02.contoso.com,legacy01.contoso.com,exch01.contoso.com'
        $request.restore = @{ before = @{ value = 'exch02.contoso.com, legacy01.contoso.com' }; after = @{ value = 'exch02.contoso.com,legacy01.contoso.com,exch01.contoso.com' } }
        $result = & $trust $request
        $result.status | Should -Be 'applied'
        $state.leaf.Value | Should -Be 'exch02.contoso.com, legacy01.contoso.com'
    }
}
