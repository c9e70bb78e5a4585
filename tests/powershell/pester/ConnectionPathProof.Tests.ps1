# Test-ExreadyConnectionPath.ps1 against remoting stand-ins that throw the real error records of each hop's failure mode.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/ProofRemoting.ps1')
    $scriptPath = (Resolve-Path (Join-Path $PSScriptRoot '../../../resources/powershell/prove/Test-ExreadyConnectionPath.ps1')).Path
    $password = 'Pa$$w0rd "quoted" \ back'
    $request = @{
        syncServer     = 'sync01.contoso.com'
        exchangeServer = 'exch02.contoso.com'
        serviceAccount = 'CONTOSO\svc-sync'
        secondHop      = @{ uri = 'http://exch02.contoso.com/PowerShell'; configurationName = 'Microsoft.Exchange'; authentication = 'Kerberos' }
    }
    # The app writes the password to the script's standard input; here the console's reader stands in for the pipe.
    $prove = {
        param($Request, $StandardInput = "$password`n")
        $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($Request | ConvertTo-Json -Depth 6 -Compress)))
        $console = [Console]::In
        [Console]::SetIn([IO.StringReader]::new([string]$StandardInput))
        try { $lines = @(& $scriptPath -ParametersBase64 $encoded) }
        finally { [Console]::SetIn($console) }
        if ($lines.Count -ne 1) { throw "expected one result line, got $($lines.Count): $($lines -join ' | ')" }
        $script:lastLine = [string]$lines[0]
        $lines[0] | ConvertFrom-Json
    }
    $hopOf = { param($Result, $Hop) @($Result.hops | Where-Object { $_.hop -eq $Hop })[0] }
}

Describe 'Test-ExreadyConnectionPath.ps1' {
    BeforeEach {
        $proofLab = New-ExreadyProofLab
        $script:lastLine = ''
    }

    It 'proves the whole path: sync server, hop 1 over HTTPS 5986 as the service account, hop 2 with Kerberos, Get-ExchangeServer' {
        $result = & $prove $request
        @($result.hops | ForEach-Object { "$($_.hop)=$($_.outcome)" }) | Should -Be @('sync-server=succeeded', 'winrm-https=succeeded', 'exchange-endpoint=succeeded', 'exchange-cmdlet=succeeded')
        $result.exchangeServerSeen.name | Should -Be 'EXCH02'
        $result.exchangeServerSeen.version | Should -Be 'Version 15.1 (Build 2375.7)'
        $proofLab.calls.sync.computerName | Should -Be 'sync01.contoso.com'
        $proofLab.calls.sync.useSsl | Should -BeTrue
        $proofLab.calls.hop1.computerName | Should -Be 'exch02.contoso.com'
        $proofLab.calls.hop1.port | Should -Be 5986
        $proofLab.calls.hop1.useSsl | Should -BeTrue
        $proofLab.calls.hop2.connectionUri | Should -Be 'http://exch02.contoso.com/PowerShell'
        $proofLab.calls.hop2.configurationName | Should -Be 'Microsoft.Exchange'
        $proofLab.calls.hop2.authentication | Should -Be 'Kerberos'
        foreach ($hop in $result.hops) { $hop.durationMs | Should -BeGreaterOrEqual 0 }
    }

    It 'turns the typed password into the PSCredential of hop 1 on the sync server and never prints it' {
        $null = & $prove $request
        $credential = $proofLab.calls.hop1.credential
        $credential | Should -BeOfType ([pscredential])
        $credential.UserName | Should -Be 'CONTOSO\svc-sync'
        $credential.GetNetworkCredential().Password | Should -BeExactly $password
        # Hop 2 carries no password: Kerberos delegates the first hop's logon.
        $proofLab.calls.hop2.credential | Should -BeNullOrEmpty
        $script:lastLine | Should -Not -BeNullOrEmpty
        $script:lastLine.Contains('Pa$$w0rd') | Should -BeFalse
        $script:lastLine.Contains([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password))) | Should -BeFalse
    }

    It 'closes both sessions' {
        $null = & $prove $request
        @($proofLab.removed) | Should -Be @('Microsoft.Exchange@exch02.contoso.com', 'Microsoft.PowerShell@exch02.contoso.com')
    }

    It 'reaches a configured second-hop target instead of the default' {
        $custom = $request.Clone()
        $custom.secondHop = @{ uri = 'https://mail.contoso.com/PowerShell'; configurationName = 'Microsoft.Exchange'; authentication = 'Negotiate' }
        $result = & $prove $custom
        $proofLab.calls.hop2.connectionUri | Should -Be 'https://mail.contoso.com/PowerShell'
        $proofLab.calls.hop2.authentication | Should -Be 'Negotiate'
        (& $hopOf $result 'exchange-endpoint').target | Should -Be 'https://mail.contoso.com/PowerShell'
    }

    It 'reports <Label> on hop 1 with its error record facts, and runs nothing after it' -ForEach @(
        @{ Label = 'a name that does not resolve'; Code = 12007; Id = 'ComputerNotFound'; Text = 'The WinRM client cannot process the request because the server name cannot be resolved.' }
        @{ Label = 'TCP refused'; Code = -2144108526; Id = 'CannotConnect'; Text = 'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests.' }
        @{ Label = 'TCP timeout'; Code = -2144108250; Id = 'WinRMOperationTimeout'; Text = 'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.' }
        @{ Label = 'a certificate name mismatch'; Code = 12175; Id = '12175'; Text = 'The server certificate on the destination computer (exch02.contoso.com:5986) has the following errors: The SSL certificate contains a common name (CN) that does not match the hostname.' }
        @{ Label = 'an untrusted root'; Code = 12175; Id = '12175'; Text = 'The server certificate on the destination computer (exch02.contoso.com:5986) has the following errors: The SSL certificate is signed by an unknown certificate authority.' }
        @{ Label = 'access denied'; Code = 5; Id = 'AccessDenied'; Text = 'Access is denied.' }
        @{ Label = 'a wrong password'; Code = 1326; Id = 'LogonFailure'; Text = 'The user name or password is incorrect.' }
        @{ Label = 'Kerberos without the SPN'; Code = -2144108387; Id = '-2144108387'; Text = 'WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred.' }
    ) {
        $proofLab.hop1Failure = New-ExreadyRemotingFailure -Computer 'exch02.contoso.com' -Text $Text -ErrorCode $Code -ErrorId $Id
        $result = & $prove $request
        $hop1 = & $hopOf $result 'winrm-https'
        $hop1.outcome | Should -Be 'failed'
        $hop1.error.fullyQualifiedErrorId | Should -Be "$Id,PSSessionOpenFailed"
        $hop1.error.transportErrorCode | Should -Be $Code
        $hop1.error.category | Should -Be 'OpenError'
        $hop1.error.exceptionTypes[0] | Should -Be 'System.Management.Automation.Remoting.PSRemotingTransportException'
        $hop1.error.message | Should -BeLike "Connecting to remote server exch02.contoso.com failed*"
        (& $hopOf $result 'exchange-endpoint').outcome | Should -Be 'not-run'
        (& $hopOf $result 'exchange-cmdlet').outcome | Should -Be 'not-run'
        $proofLab.calls.ContainsKey('hop2') | Should -BeFalse
    }

    It 'names the codes WinRM puts in its message' {
        $proofLab.hop1Failure = New-ExreadyRemotingFailure -Computer 'exch02.contoso.com' -ErrorCode -2144108387 -ErrorId '-2144108387' `
            -Text 'WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred.'
        (& $hopOf (& $prove $request) 'winrm-https').error.codesInMessage | Should -Be @('0x80090322')
    }

    It 'reports the double-hop denial on hop 2 (1312,PSSessionOpenFailed) and still closes hop 1' {
        $proofLab.hop2Failure = New-ExreadyRemotingFailure -Computer 'exch02.contoso.com' -ErrorCode 1312 -ErrorId '1312' `
            -Text 'A specified logon session does not exist. It may already have been terminated.'
        $result = & $prove $request
        (& $hopOf $result 'winrm-https').outcome | Should -Be 'succeeded'
        $hop2 = & $hopOf $result 'exchange-endpoint'
        $hop2.outcome | Should -Be 'failed'
        $hop2.error.fullyQualifiedErrorId | Should -Be '1312,PSSessionOpenFailed'
        $hop2.error.transportErrorCode | Should -Be 1312
        (& $hopOf $result 'exchange-cmdlet').outcome | Should -Be 'not-run'
        @($proofLab.removed) | Should -Be @('Microsoft.PowerShell@exch02.contoso.com')
    }

    It 'reports the Exchange endpoint refusing the account on hop 2' {
        $proofLab.hop2Failure = New-ExreadyRemotingFailure -Computer 'exch02.contoso.com' -ErrorCode 5 -ErrorId 'AccessDenied' -Text 'Access is denied.'
        $hop2 = & $hopOf (& $prove $request) 'exchange-endpoint'
        $hop2.error.fullyQualifiedErrorId | Should -Be 'AccessDenied,PSSessionOpenFailed'
        $hop2.error.transportErrorCode | Should -Be 5
    }

    It 'reports the RBAC denial: Get-ExchangeServer not in the account''s roles is the engine''s CommandNotFoundException' {
        $proofLab.cmdlets = @()
        $result = & $prove $request
        (& $hopOf $result 'exchange-endpoint').outcome | Should -Be 'succeeded'
        $cmdlet = & $hopOf $result 'exchange-cmdlet'
        $cmdlet.outcome | Should -Be 'failed'
        $cmdlet.error.fullyQualifiedErrorId | Should -Be 'CommandNotFoundException'
        $cmdlet.error.exceptionTypes | Should -Contain 'System.Management.Automation.CommandNotFoundException'
        $cmdlet.error.message | Should -BeLike "The term 'Get-ExchangeServer' is not recognized*"
        $result.exchangeServerSeen | Should -BeNullOrEmpty
        @($proofLab.removed).Count | Should -Be 2
    }

    It 'reports the sync server unreachable as its own hop and runs no hop of the sync service' {
        $proofLab.syncFailure = New-ExreadyRemotingFailure -Computer 'sync01.contoso.com' -ErrorCode -2144108250 -ErrorId 'WinRMOperationTimeout' `
            -Text 'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.'
        $result = & $prove $request
        (& $hopOf $result 'sync-server').outcome | Should -Be 'failed'
        (& $hopOf $result 'sync-server').error.transportErrorCode | Should -Be -2144108250
        @($result.hops | Where-Object { $_.hop -ne 'sync-server' } | ForEach-Object { $_.outcome } | Select-Object -Unique) | Should -Be @('not-run')
        $proofLab.calls.ContainsKey('hop1') | Should -BeFalse
    }

    It 'refuses a request without <Field>, naming it and contacting nothing' -ForEach @(
        @{ Field = 'password'; Change = { param($r) $r.password = 'in the logged parameters' } }
        @{ Field = 'exchangeServer'; Change = { param($r) $r.exchangeServer = 'exch 02' } }
        @{ Field = 'serviceAccount'; Change = { param($r) $r.serviceAccount = 'svc-sync' } }
        @{ Field = 'secondHop.authentication'; Change = { param($r) $r.secondHop = @{ uri = 'http://exch02.contoso.com/PowerShell'; configurationName = 'Microsoft.Exchange'; authentication = 'CredSSP' } } }
    ) {
        $bad = $request.Clone()
        & $Change $bad
        $result = & $prove $bad
        $result.refused | Should -BeLike "$Field*"
        @($result.hops).Count | Should -Be 0
        $proofLab.calls.Count | Should -Be 0
    }

    It 'refuses to run without a password on standard input, naming it and contacting nothing' -ForEach @(
        @{ Label = 'nothing'; Text = '' }
        @{ Label = 'an empty line'; Text = "`n" }
    ) {
        $result = & $prove $request $Text
        $result.refused | Should -BeLike 'password: none on standard input*'
        @($result.hops).Count | Should -Be 0
        $proofLab.calls.Count | Should -Be 0
    }
}
