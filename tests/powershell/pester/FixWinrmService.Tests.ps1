# Set-ExreadyWinrmService.ps1 against a WinRM service stand-in (enum Status/StartType); a stop never happens inside the session.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    $path = Get-ExreadyFixScriptPath -Name 'Set-ExreadyWinrmService.ps1'
    $run = { param($Request) Read-ExreadyFixResult -Output @(& $path -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    # Mock bodies do not see the test's $script: scope: the stand-in state lives in one table they all reach.
    $state = @{}
}

Describe 'Set-ExreadyWinrmService.ps1' {
    BeforeEach {
        $state.service = New-ExreadyServiceStandIn -Status Stopped -StartType Disabled
        $state.tasks = @()
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Get-Service { $state.service }
        Mock Set-Service { $state.service = New-ExreadyServiceStandIn -Status $state.service.Status -StartType $StartupType }
        Mock Start-Service { $state.service = New-ExreadyServiceStandIn -Status Running -StartType $state.service.StartType }
        Mock Stop-Service { $state.service = New-ExreadyServiceStandIn -Status Stopped -StartType $state.service.StartType }
        Mock New-ScheduledTaskAction { [pscustomobject]@{ PSTypeName = 'Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/MSFT_TaskExecAction'; Execute = $Execute; Arguments = $Argument } }
        Mock New-ScheduledTaskPrincipal { [pscustomobject]@{ UserId = $UserId; LogonType = $LogonType; RunLevel = $RunLevel } }
        Mock Register-ScheduledTask { $state.tasks += [pscustomobject]@{ TaskName = $TaskName; Action = $Action; Principal = $Principal; Started = $false } }
        Mock Start-ScheduledTask { foreach ($task in $state.tasks) { if ($task.TaskName -eq $TaskName) { $task.Started = $true } } }
    }

    It 'starts a stopped, disabled WinRM and sets it to Automatic' {
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'applied'
        $result.changed | Should -BeTrue
        $result.before.status | Should -Be 'Stopped'
        $result.before.startType | Should -Be 'Disabled'
        $result.after.status | Should -Be 'Running'
        $result.after.startType | Should -Be 'Automatic'
        Should -Invoke Set-Service -Times 1 -Exactly -ParameterFilter { $Name -eq 'WinRM' -and $StartupType -eq 'Automatic' }
        Should -Invoke Start-Service -Times 1 -Exactly
    }

    It 'only sets the start type of a running WinRM that is disabled' {
        $state.service = New-ExreadyServiceStandIn -Status Running -StartType Disabled
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'applied'
        Should -Invoke Start-Service -Times 0 -Exactly
        Should -Invoke Set-Service -Times 1 -Exactly
    }

    It 'changes nothing when WinRM is already running and automatic' {
        $state.service = New-ExreadyServiceStandIn -Status Running -StartType Automatic
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'unchanged'
        $result.changed | Should -BeFalse
        Should -Invoke Set-Service -Times 0 -Exactly
    }

    Context 'undo to a stopped WinRM (the session runs on WinRM)' {
        BeforeEach {
            $state.service = New-ExreadyServiceStandIn -Status Running -StartType Automatic
            $state.result = & $run @{ server = 'exch01.contoso.com'; restore = @{ before = @{ status = 'Stopped'; startType = 'Manual' }; after = @{ status = 'Running'; startType = 'Automatic' } } }
        }

        It 'emits its result line without stopping WinRM inside the session' {
            $state.result.status | Should -Be 'applied'
            $state.result.after.status | Should -Be 'Stopped'
            $state.result.after.startType | Should -Be 'Manual'
            $state.result.message | Should -Match 'stops once this session has ended'
            Should -Invoke Stop-Service -Times 0 -Exactly
            $state.service.Status | Should -Be ([System.ServiceProcess.ServiceControllerStatus]::Running)
        }

        It 'leaves the stop to a started one-shot task that runs as SYSTEM and waits for this session to end' {
            $state.tasks.Count | Should -Be 1
            $task = $state.tasks[0]
            $task.Started | Should -BeTrue
            $task.Principal.UserId | Should -Be 'S-1-5-18'
            $task.Action.Execute | Should -Be 'powershell.exe'
            $encoded = [regex]::Match($task.Action.Arguments, '^-NoProfile -NonInteractive -EncodedCommand (\S+)$')
            $encoded.Success | Should -BeTrue
            $command = [Text.Encoding]::Unicode.GetString([Convert]::FromBase64String($encoded.Groups[1].Value))
            $command | Should -Match "^Wait-Process -Id $PID -Timeout 120 "
            $command | Should -Match 'Stop-Service -Name WinRM -Force'
            $command | Should -Match "Unregister-ScheduledTask -TaskName '$($task.TaskName)'"
            $command.IndexOf('Wait-Process') | Should -BeLessThan $command.IndexOf('Stop-Service')
        }

        It 'has set the start type before the session ends' {
            Should -Invoke Set-Service -Times 1 -Exactly -ParameterFilter { $StartupType -eq 'Manual' }
        }
    }

    It 'puts back a start type without any task when WinRM stays running' {
        $state.service = New-ExreadyServiceStandIn -Status Running -StartType Automatic
        $result = & $run @{ server = 'exch01.contoso.com'; restore = @{ before = @{ status = 'Running'; startType = 'Disabled' }; after = @{ status = 'Running'; startType = 'Automatic' } } }
        $result.status | Should -Be 'applied'
        $result.after.startType | Should -Be 'Disabled'
        Should -Invoke Register-ScheduledTask -Times 0 -Exactly
    }

    It 'refuses an undo whose <Field> is not a value Set-Service takes' -ForEach @(
        @{ Field = 'restore.before.startType'; Before = @{ status = 'Stopped'; startType = 'Boot' } }
        @{ Field = 'restore.before.status'; Before = @{ status = 'Paused'; startType = 'Manual' } }
    ) {
        $result = & $run @{ server = 'exch01.contoso.com'; restore = @{ before = $Before; after = @{ status = 'Running'; startType = 'Automatic' } } }
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^$([regex]::Escape($Field)): "
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'reports access denied from Set-Service as refused' {
        Mock Set-Service {
            throw [System.Management.Automation.ErrorRecord]::new(
                [System.InvalidOperationException]::new("Service 'Windows Remote Management (WS-Management) (WinRM)' cannot be configured due to the following error: Access is denied"),
                'CouldNotSetService,Microsoft.PowerShell.Commands.SetServiceCommand', [System.Management.Automation.ErrorCategory]::PermissionDenied, 'WinRM')
        }
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'refused'
        $result.changed | Should -BeFalse
        $result.error | Should -Match 'Access is denied'
    }
}
