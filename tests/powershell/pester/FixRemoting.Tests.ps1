# Enable-ExreadyRemoting.ps1 against Get-PSSessionConfiguration stand-ins whose Permission is computed from the SDDL in
# the server's language: the decision is by SID, and Enable-PSRemoting never runs inside the session that reports.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/SessionConfigurations.ps1')
    $path = Get-ExreadyFixScriptPath -Name 'Enable-ExreadyRemoting.ps1'
    $run = { param($Request) Read-ExreadyFixResult -Output @(& $path -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    # Mock bodies do not see the test's $script: scope: the stand-in state lives in one table they all reach.
    $state = @{}
    $defaultSddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
    $networkDenied = 'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
}

AfterAll {
    Set-ExreadyServerCulture en-US
}

Describe 'Enable-ExreadyRemoting.ps1' {
    BeforeEach {
        $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl $defaultSddl
        $state.tasks = @()
        Set-ExreadyServerCulture en-US
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Get-PSSessionConfiguration { $state.configuration }
        Mock Enable-PSRemoting { }
        Mock New-ScheduledTaskAction { [pscustomobject]@{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/MSFT_TaskExecAction'; Execute = $Execute; Arguments = $Argument } }
        Mock New-ScheduledTaskPrincipal { [pscustomobject]@{ UserId = $UserId; LogonType = $LogonType; RunLevel = $RunLevel } }
        Mock Register-ScheduledTask { $state.tasks += [pscustomobject]@{ TaskName = $TaskName; Action = $Action; Principal = $Principal; Started = $false } }
        Mock Start-ScheduledTask { foreach ($task in $state.tasks) { if ($task.TaskName -eq $TaskName) { $task.Started = $true } } }
    }

    It 'leaves a healthy <Culture> server alone, whatever language Permission is printed in' -ForEach @(
        @{ Culture = 'en-US'; Printed = 'BUILTIN\Administrators AccessAllowed, NT AUTHORITY\INTERACTIVE AccessAllowed, BUILTIN\Remote Management Users AccessAllowed' }
        @{ Culture = 'de-DE'; Printed = 'VORDEFINIERT\Administratoren AccessAllowed, NT-AUTORITÄT\INTERAKTIV AccessAllowed, VORDEFINIERT\Remoteverwaltungsbenutzer AccessAllowed' }
    ) {
        Set-ExreadyServerCulture $Culture
        $result = & $run @{ server = 'exch12.contoso.com' }
        $result.status | Should -Be 'unchanged'
        $result.changed | Should -BeFalse
        $result.before.sddl | Should -Be $defaultSddl
        $result.before.permission | Should -Be $Printed
        Should -Invoke Register-ScheduledTask -Times 0 -Exactly
        Should -Invoke Enable-PSRemoting -Times 0 -Exactly
    }

    It 'schedules a reset of a German server whose DACL denies NETWORK (<Sddl>)' -ForEach @(
        @{ Sddl = 'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)' }
        @{ Sddl = 'O:NSG:BAD:P(A;;GA;;;BA)(D;;GX;;;S-1-5-2)' }
    ) {
        Set-ExreadyServerCulture de-DE
        $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl $Sddl
        $result = & $run @{ server = 'exch12.contoso.com' }
        $result.status | Should -Be 'applied'
        $result.before.permission | Should -Match 'NT-AUTORITÄT\\NETZWERK AccessDenied'
        $state.tasks.Count | Should -Be 1
    }

    It 'schedules a reset where <Case>' -ForEach @(
        @{ Case = 'the DACL is empty'; Sddl = 'O:NSG:BAD:PS:P(AU;FA;GA;;;WD)'; Enabled = 'true' }
        @{ Case = 'only INTERACTIVE is allowed'; Sddl = 'O:NSG:BAD:P(A;;GA;;;IU)'; Enabled = 'true' }
        @{ Case = 'Administrators may only read'; Sddl = 'O:NSG:BAD:P(A;;GR;;;BA)'; Enabled = 'true' }
        @{ Case = 'the configuration is disabled'; Sddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'; Enabled = 'false' }
    ) {
        $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl $Sddl -Enabled $Enabled
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'applied'
        $state.tasks.Count | Should -Be 1
    }

    It 'schedules a reset where microsoft.powershell is not registered' {
        Mock Get-PSSessionConfiguration { Write-Error -Message 'No session configuration matches criteria "microsoft.powershell".' -ErrorId 'SessionConfigurationNotFound' }
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'applied'
        $result.before.registered | Should -BeFalse
    }

    It 'lets Administrators in through Execute and Read granted by separate ACEs, and a Write-only deny does not block' {
        $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl 'O:NSG:BAD:P(A;;GX;;;BA)(A;;GR;;;AU)(D;;GW;;;NU)'
        (& $run @{ server = 'exch01.contoso.com' }).status | Should -Be 'unchanged'
    }

    It 'grants everyone on a NULL DACL and changes nothing' {
        $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl 'O:NSG:BAD:NO_ACCESS_CONTROL'
        (& $run @{ server = 'exch01.contoso.com' }).status | Should -Be 'unchanged'
    }

    It 'refuses to reset permissions it cannot read, naming what it could not read' {
        $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl 'O:NSG:BAD:P(A;;GA;;;BA)(XA;;GA;;;WD;(Member_of {SID(BA)}))'
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'refused'
        $result.changed | Should -BeFalse
        $result.error | Should -Match 'cannot be read'
        Should -Invoke Register-ScheduledTask -Times 0 -Exactly
    }

    Context 'a reset (Enable-PSRemoting re-registers the configuration the session runs in)' {
        BeforeEach {
            $state.configuration = New-ExreadySessionConfigurationStandIn -Sddl $networkDenied
            $state.result = & $run @{ server = 'exch01.contoso.com' }
        }

        It 'emits its result line without running Enable-PSRemoting inside the session' {
            $state.result.status | Should -Be 'applied'
            $state.result.changed | Should -BeTrue
            $state.result.message | Should -Match 'once this session has ended'
            $state.result.after.sddl | Should -Be $defaultSddl
            Should -Invoke Enable-PSRemoting -Times 0 -Exactly
        }

        It 'leaves Enable-PSRemoting to a started one-shot task that runs as SYSTEM and waits for this session to end' {
            $state.tasks.Count | Should -Be 1
            $task = $state.tasks[0]
            $task.Started | Should -BeTrue
            $task.Principal.UserId | Should -Be 'S-1-5-18'
            $task.Action.Execute | Should -Be 'powershell.exe'
            $encoded = [regex]::Match($task.Action.Arguments, '^-NoProfile -NonInteractive -EncodedCommand (\S+)$')
            $encoded.Success | Should -BeTrue
            $command = [Text.Encoding]::Unicode.GetString([Convert]::FromBase64String($encoded.Groups[1].Value))
            $command | Should -Match "^Wait-Process -Id $PID -Timeout 120 "
            $command | Should -Match 'Enable-PSRemoting -Force -SkipNetworkProfileCheck'
            $command | Should -Match "Unregister-ScheduledTask -TaskName '$($task.TaskName)'"
            $command.IndexOf('Wait-Process') | Should -BeLessThan $command.IndexOf('Enable-PSRemoting')
        }
    }

    It 'refuses <Case> with one result line and never connects' -ForEach @(
        @{ Case = 'a request without server'; Argument = $null; Request = @{ }; Field = 'server' }
        @{ Case = 'a server that is not a host name'; Argument = $null; Request = @{ server = 'exch01; Remove-Item C:\' }; Field = 'server' }
        @{ Case = 'an HTTP transport'; Argument = $null; Request = @{ server = 'exch01.contoso.com'; transport = 'http' }; Field = 'transport' }
        @{ Case = 'an argument that is not base64'; Argument = '%%%'; Request = $null; Field = 'ParametersBase64' }
    ) {
        $argument = if ($null -ne $Argument) { $Argument } else { ConvertTo-ExreadyFixArgument -Parameters $Request }
        $result = Read-ExreadyFixResult -Output @(& $path -ParametersBase64 $argument)
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^$Field"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'connects over HTTPS 5986 as the collection does' {
        & $run @{ server = 'exch01.contoso.com' } | Out-Null
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $UseSSL -and $Port -eq 5986 -and $ComputerName -eq 'exch01.contoso.com' }
    }

    It 'reports access denied from the server as refused' {
        Mock Invoke-Command { throw [System.Management.Automation.Remoting.PSRemotingTransportException]::new('Connecting to remote server exch01.contoso.com failed with the following error message : Access is denied.') }
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'refused'
        $result.changed | Should -BeFalse
    }
}
