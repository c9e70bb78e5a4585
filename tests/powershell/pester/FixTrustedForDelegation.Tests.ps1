# Set-ExreadyTrustedForDelegation.ps1 against an ADComputer stand-in: changed from the jump host, the object found by the first label.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    # Mock bodies do not see the test's $script: scope: the stand-in state lives in one table they all reach.
    $state = @{}
    $path = Get-ExreadyFixScriptPath -Name 'Set-ExreadyTrustedForDelegation.ps1'
    $run = { param($Request) Read-ExreadyFixResult -Output @(& $path -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    $computer = {
        param([int]$UserAccountControl)
        [pscustomobject]@{
            PSTypeName           = 'Microsoft.ActiveDirectory.Management.ADComputer'
            DistinguishedName    = 'CN=EXCH01,OU=Exchange Servers,DC=contoso,DC=com'
            Name                 = 'EXCH01'
            SamAccountName       = 'EXCH01$'
            TrustedForDelegation = [bool]($UserAccountControl -band 0x80000)
            userAccountControl   = $UserAccountControl
        }
    }
}

Describe 'Set-ExreadyTrustedForDelegation.ps1' {
    BeforeEach {
        $state.computer = & $computer 0x1000
        Mock Invoke-Command { throw 'no session is opened for an AD change' }
        Mock Import-Module -ParameterFilter { $Name -eq 'ActiveDirectory' } { }
        Mock Get-ADComputer -ParameterFilter { $Identity -eq 'exch01' } { $state.computer }
        Mock Set-ADAccountControl {
            $flag = if ($TrustedForDelegation) { 0x80000 } else { 0 }
            $state.computer = & $computer (($state.computer.userAccountControl -band (-bnot 0x80000)) -bor $flag)
        }
    }

    It 'trusts the computer object for delegation and re-reads userAccountControl' {
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'applied'
        $result.before.trustedForDelegation | Should -BeFalse
        $result.after.trustedForDelegation | Should -BeTrue
        $result.after.userAccountControl | Should -Be 0x81000
        Should -Invoke Set-ADAccountControl -Times 1 -Exactly -ParameterFilter { $TrustedForDelegation -eq $true }
    }

    It 'changes nothing when the flag is already set' {
        $state.computer = & $computer 0x81000
        (& $run @{ server = 'exch01.contoso.com' }).status | Should -Be 'unchanged'
        Should -Invoke Set-ADAccountControl -Times 0 -Exactly
    }

    It 'clears the flag again on undo' {
        $state.computer = & $computer 0x81000
        $result = & $run @{ server = 'exch01.contoso.com'; restore = @{ before = @{ trustedForDelegation = $false; userAccountControl = 0x1000 }; after = @{ trustedForDelegation = $true; userAccountControl = 0x81000 } } }
        $result.status | Should -Be 'applied'
        $result.after.userAccountControl | Should -Be 0x1000
    }

    It 'reports a computer object AD does not know as failed' {
        Mock Get-ADComputer -ParameterFilter { $Identity -eq 'exch01' } { throw [System.Management.Automation.ErrorRecord]::new([System.ArgumentException]::new("Cannot find an object with identity: 'exch01' under: 'DC=contoso,DC=com'."), 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,Microsoft.ActiveDirectory.Management.Commands.GetADComputer', [System.Management.Automation.ErrorCategory]::ObjectNotFound, 'exch01') }
        $result = & $run @{ server = 'exch01.contoso.com' }
        $result.status | Should -Be 'failed'
        $result.error | Should -Match 'Cannot find an object with identity'
    }

    It 'refuses an IP address: it names no computer object' {
        $result = & $run @{ server = '10.0.0.11' }
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^server: '
        Should -Invoke Get-ADComputer -Times 0 -Exactly
    }

    It 'refuses an undo whose audited flag is not true or false' {
        $result = & $run @{ server = 'exch01.contoso.com'; restore = @{ before = @{ trustedForDelegation = 'false' }; after = @{ trustedForDelegation = $true } } }
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^restore\.before\.trustedForDelegation: '
    }
}
