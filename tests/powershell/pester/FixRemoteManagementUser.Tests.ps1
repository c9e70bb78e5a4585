# Add-ExreadyRemoteManagementUser.ps1 against LocalPrincipal stand-ins: members are compared by SID, the group found by its SID.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    # Mock bodies do not see the test's $script: scope: the stand-in state lives in one table they all reach.
    $state = @{}
    $path = Get-ExreadyFixScriptPath -Name 'Add-ExreadyRemoteManagementUser.ps1'
    $run = { param($Request) Read-ExreadyFixResult -Output @(& $path -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    # What LookupAccountName answers in this forest: two accounts named svc-sync in two domains.
    $sids = @{
        'CONTOSO\svc-sync'         = 'S-1-5-21-1111111111-2222222222-3333333333-1105'
        'svc-sync@contoso.com'     = 'S-1-5-21-1111111111-2222222222-3333333333-1105'
        'OTHER\svc-sync'           = 'S-1-5-21-4444444444-5555555555-6666666666-2201'
        'S-1-5-21-1111111111-2222222222-3333333333-1105' = 'S-1-5-21-1111111111-2222222222-3333333333-1105'
    }
}

Describe 'Add-ExreadyRemoteManagementUser.ps1' {
    BeforeEach {
        $state.members = [System.Collections.Generic.List[object]]::new()
        $state.members.Add((New-ExreadyLocalPrincipalStandIn -Name 'EXCH01\Administrator' -Sid 'S-1-5-21-7-8-9-500' -PrincipalSource Local))
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Resolve-ExreadyAccountSid { if (-not $sids.ContainsKey($Account)) { throw (New-ExreadyIdentityNotMappedError) }; $sids[$Account] }
        # A de-DE server: the group is found by its SID, never by its name.
        Mock Get-LocalGroup -ParameterFilter { $SID -eq 'S-1-5-32-580' } { [pscustomobject]@{ PSTypeName = 'Microsoft.PowerShell.Commands.LocalGroup'; Name = 'Remoteverwaltungsbenutzer'; SID = 'S-1-5-32-580' } }
        Mock Get-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-580' } { $state.members }
        Mock Add-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-580' } {
            $name = @($sids.Keys | Where-Object { $sids[$_] -eq $Member[0] -and $_ -like '*\*' })[0]
            $state.members.Add((New-ExreadyLocalPrincipalStandIn -Name $name -Sid $Member[0]))
        }
        Mock Remove-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-580' } {
            foreach ($m in @($state.members | Where-Object { $_.SID.Value -eq $Member[0] })) { [void]$state.members.Remove($m) }
        }
        $request = @{ server = 'exch01.contoso.com'; account = 'CONTOSO\svc-sync' }
    }

    It 'adds CONTOSO\svc-sync although OTHER\svc-sync, another account of the same name, is a member' {
        $state.members.Add((New-ExreadyLocalPrincipalStandIn -Name 'OTHER\svc-sync' -Sid $sids['OTHER\svc-sync']))
        $result = & $run $request
        $result.status | Should -Be 'applied'
        $result.before.member | Should -BeFalse
        $result.after.member | Should -BeTrue
        Should -Invoke Add-LocalGroupMember -Times 1 -Exactly -ParameterFilter { $Member[0] -eq $sids['CONTOSO\svc-sync'] }
    }

    It 'changes nothing when the account is a member by SID, whatever name the member shows' {
        $state.members.Add((New-ExreadyLocalPrincipalStandIn -Name 'CONTOSO\svc-sync-renamed' -Sid $sids['CONTOSO\svc-sync']))
        $result = & $run $request
        $result.status | Should -Be 'unchanged'
        Should -Invoke Add-LocalGroupMember -Times 0 -Exactly
    }

    It 'finds the localised group by S-1-5-32-580 and names it in the message' {
        $result = & $run $request
        $result.message | Should -Match 'now a member of Remoteverwaltungsbenutzer'
        $result.message | Should -Match ([regex]::Escape($sids['CONTOSO\svc-sync']))
        Should -Invoke Get-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-580' }
    }

    It 'adds to an empty group (Get-LocalGroupMember outputs nothing)' {
        $state.members.Clear()
        (& $run $request).status | Should -Be 'applied'
    }

    It 'takes a user principal name or a SID for the account' -ForEach @(@{ Account = 'svc-sync@contoso.com' }, @{ Account = 'S-1-5-21-1111111111-2222222222-3333333333-1105' }) {
        $request.account = $Account
        (& $run $request).status | Should -Be 'applied'
        Should -Invoke Add-LocalGroupMember -Times 1 -Exactly -ParameterFilter { $Member[0] -eq $sids['CONTOSO\svc-sync'] }
    }

    It 'fails without changing anything when no domain knows the account' {
        $request.account = 'CONTOSO\nobody'
        $result = & $run $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Match 'could not be translated'
        Should -Invoke Add-LocalGroupMember -Times 0 -Exactly
    }

    It 'removes exactly that SID on undo, leaving the same-named account of the other domain' {
        $state.members.Add((New-ExreadyLocalPrincipalStandIn -Name 'OTHER\svc-sync' -Sid $sids['OTHER\svc-sync']))
        $state.members.Add((New-ExreadyLocalPrincipalStandIn -Name 'CONTOSO\svc-sync' -Sid $sids['CONTOSO\svc-sync']))
        $request.restore = @{ before = @{ member = $false }; after = @{ member = $true } }
        $result = & $run $request
        $result.status | Should -Be 'applied'
        $result.after.member | Should -BeFalse
        @($state.members | ForEach-Object { $_.Name }) | Should -Contain 'OTHER\svc-sync'
        Should -Invoke Remove-LocalGroupMember -Times 1 -Exactly -ParameterFilter { $Member[0] -eq $sids['CONTOSO\svc-sync'] }
    }

    It 'refuses account <Account> before connecting' -ForEach @(
        @{ Account = 'svc-sync' }, @{ Account = 'CONTOSO\svc*sync' }, @{ Account = 'CONTOSO\' }, @{ Account = '' }, @{ Account = 'S-1-5' }
    ) {
        $request.account = $Account
        $result = & $run $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^account: '.*' is not DOMAIN\\name, name@domain or a SID$"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }
}
