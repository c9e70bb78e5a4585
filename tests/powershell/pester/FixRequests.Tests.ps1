# Every fix script (except the remoting one, tested beside its area): bad input is one refused result line
# naming the field, nothing runs without a target, and the change travels over WinRM HTTPS 5986 unless the plan asks for HTTP.
BeforeDiscovery {
    $thumbprint = '01' * 20
    $fixes = @(
        @{ Script = 'Add-ExreadyRemoteManagementUser.ps1'; Target = 'server'; Remote = $true; Http = $false; Valid = @{ server = 'exch01.contoso.com'; account = 'CONTOSO\svc-sync' } }
        @{ Script = 'Add-ExreadyTrustedHosts.ps1'; Target = 'syncServer'; Remote = $true; Http = $false; Valid = @{ server = 'exch01.contoso.com'; syncServer = 'sync01.contoso.com'; hosts = @('exch01.contoso.com') } }
        @{ Script = 'Enable-ExreadyHttpsListener.ps1'; Target = 'server'; Remote = $true; Http = $true; Valid = @{ server = 'exch01.contoso.com' } }
        @{ Script = 'New-ExreadyFirewallRule.ps1'; Target = 'server'; Remote = $true; Http = $true; Valid = @{ server = 'exch01.contoso.com'; remoteAddresses = @('10.20.0.11') } }
        @{ Script = 'New-ExreadyHttpsListener.ps1'; Target = 'server'; Remote = $true; Http = $true; Valid = @{ server = 'exch01.contoso.com'; thumbprint = $thumbprint } }
        @{ Script = 'Set-ExreadyCbtHardening.ps1'; Target = 'server'; Remote = $true; Http = $false; Valid = @{ server = 'exch01.contoso.com'; level = 'None' } }
        @{ Script = 'Set-ExreadyListenerCertificate.ps1'; Target = 'server'; Remote = $true; Http = $false; Valid = @{ server = 'exch01.contoso.com'; thumbprint = $thumbprint } }
        @{ Script = 'Set-ExreadyTrustedForDelegation.ps1'; Target = 'server'; Remote = $false; Http = $false; Valid = @{ server = 'exch01.contoso.com' } }
        @{ Script = 'Set-ExreadyWinrmService.ps1'; Target = 'server'; Remote = $true; Http = $false; Valid = @{ server = 'exch01.contoso.com' } }
    )
}

Describe '<Script> request' -ForEach $fixes {
    BeforeAll {
        . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
        . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
        $path = Get-ExreadyFixScriptPath -Name $Script
        $run = { param($Request) Read-ExreadyFixResult -Output @(& $path -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    }
    BeforeEach {
        # What a fix that ran anyway would touch: the connection and, run on this machine, its first read.
        Mock Invoke-Command { [pscustomobject]@{ status = 'unchanged'; before = @{ value = 1 }; after = @{ value = 1 }; message = 'stood in' } }
        Mock Get-Item -ParameterFilter { $Path -like 'WSMan:*' } { throw 'ran on this machine' }
        Mock Get-Service { throw 'ran on this machine' }
        Mock Get-WSManInstance { throw 'ran on this machine' }
        Mock Get-LocalGroupMember { throw 'ran on this machine' }
        Mock Import-Module -ParameterFilter { $Name -eq 'ActiveDirectory' } { }
        Mock Get-ADComputer { throw 'ran in Active Directory' }
    }

    It 'answers bad base64 with one refused result line naming ParametersBase64' {
        $result = Read-ExreadyFixResult -Output @(& $path -ParametersBase64 'not base64 at all!')
        $result.status | Should -Be 'refused'
        $result.changed | Should -BeFalse
        $result.error | Should -Match '^ParametersBase64: '
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'answers base64 that is not JSON with one refused result line' {
        $text = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('{"server": "exch01'))
        $result = Read-ExreadyFixResult -Output @(& $path -ParametersBase64 $text)
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^ParametersBase64: '
    }

    It 'answers JSON that is not an object with one refused result line' {
        $text = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('["exch01.contoso.com"]'))
        $result = Read-ExreadyFixResult -Output @(& $path -ParametersBase64 $text)
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'ParametersBase64: the JSON is not an object'
    }

    It 'refuses a request without <Target> and touches no machine' {
        $request = $Valid.Clone()
        $request.Remove($Target)
        $result = & $run $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^${Target}: missing"
        Should -Invoke Invoke-Command -Times 0 -Exactly
        Should -Invoke Get-Item -Times 0 -Exactly
        Should -Invoke Get-Service -Times 0 -Exactly
        Should -Invoke Get-WSManInstance -Times 0 -Exactly
        Should -Invoke Get-LocalGroupMember -Times 0 -Exactly
        Should -Invoke Get-ADComputer -Times 0 -Exactly
    }

    It 'refuses a <Target> that is not a host name, naming it' -ForEach @(
        @{ Bad = 'exch01.contoso.com; Remove-Item C:\' }, @{ Bad = '-exch01.contoso.com' }, @{ Bad = 42 }
    ) {
        $request = $Valid.Clone()
        $request[$Target] = $Bad
        $result = & $run $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^${Target}: '.*' is not"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    if ($Remote) {
        It 'connects to the <Target> over WinRM HTTPS on 5986' {
            $result = & $run $Valid
            $result.status | Should -Be 'unchanged'
            Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $UseSSL -and $Port -eq 5986 -and $ComputerName -eq $Valid[$Target] }
        }

        It 'sends its values only as the argument of the script block' {
            $null = & $run $Valid
            Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $ArgumentList.Count -eq 1 -and $ArgumentList[0].server -eq $Valid.server }
        }
    } else {
        It 'changes Active Directory from this machine: no WinRM session' {
            Mock Get-ADComputer { [pscustomobject]@{ TrustedForDelegation = $true; userAccountControl = 528384 } }
            $result = & $run $Valid
            $result.status | Should -Be 'unchanged'
            Should -Invoke Invoke-Command -Times 0 -Exactly
        }
    }

    if ($Http) {
        It 'connects over HTTP on 5985 only when the plan says transport http' {
            $request = $Valid.Clone()
            $request.transport = 'http'
            $null = & $run $request
            Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { -not $UseSSL -and $Port -eq 5985 }
        }
        It 'refuses a transport that is neither https nor http' {
            $request = $Valid.Clone()
            $request.transport = 'HTTP'
            $result = & $run $request
            $result.status | Should -Be 'refused'
            $result.error | Should -Match '^transport: '
            Should -Invoke Invoke-Command -Times 0 -Exactly
        }
    } elseif ($Remote) {
        It 'refuses transport http: only the HTTPS listener fixes may connect over 5985' {
            $request = $Valid.Clone()
            $request.transport = 'http'
            $result = & $run $request
            $result.status | Should -Be 'refused'
            $result.error | Should -Match '^transport: '
            Should -Invoke Invoke-Command -Times 0 -Exactly
        }
    }

    if ($Remote) {
        It 'reports a connection that fails as failed, with its error' {
            Mock Invoke-Command { throw [System.Management.Automation.Remoting.PSRemotingTransportException]::new('Connecting to remote server exch01.contoso.com failed with the following error message : WinRM cannot complete the operation.') }
            $result = & $run $Valid
            $result.status | Should -Be 'failed'
            $result.changed | Should -BeFalse
            $result.error | Should -Match 'WinRM cannot complete the operation'
        }
    }
}
