# New-ExreadyHttpsListener.ps1, Enable-ExreadyHttpsListener.ps1 and Set-ExreadyListenerCertificate.ps1 against WSMan listener
# stand-ins (XmlElement, Source attribute) and real X509Certificate2 objects in a LocalMachine\My stand-in.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    # Mock bodies do not see the test's $script: scope: the stand-in state lives in one table they all reach.
    $state = @{}
    $runScript = { param($Name, $Request) Read-ExreadyFixResult -Output @(& (Get-ExreadyFixScriptPath -Name $Name) -ParametersBase64 (ConvertTo-ExreadyFixArgument -Parameters $Request)) }
    $certificates = @{
        san           = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -DnsNames 'mail.contoso.com', 'exch01.contoso.com'
        cnOnly        = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com, OU=IT, O=Contoso'
        wildcard      = New-ExreadyCertificateStandIn -Subject 'CN=*.contoso.com' -DnsNames '*.contoso.com'
        noUsages      = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -NoUsageExtension
        expired       = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -NotBeforeDays -400 -NotAfterDays -5
        notYetValid   = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -NotBeforeDays 3 -NotAfterDays 400
        noPrivateKey  = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -WithoutPrivateKey
        clientOnly    = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -Usages '1.3.6.1.5.5.7.3.2'
        codeSigning   = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -Usages '1.3.6.1.5.5.7.3.3'
        otherHost     = New-ExreadyCertificateStandIn -Subject 'CN=exch02.contoso.com' -DnsNames 'exch02.contoso.com'
        topWildcard   = New-ExreadyCertificateStandIn -Subject 'CN=*.com' -DnsNames '*.com'
    }
    $state.store = @{}
    foreach ($certificate in $certificates.Values) { $state.store[$certificate.Thumbprint] = $certificate }
}

Describe 'WinRM HTTPS listener fixes' {
    BeforeEach {
        $state.listeners = [System.Collections.Generic.List[System.Xml.XmlElement]]::new()
        $state.listeners.Add((New-ExreadyListenerStandIn -Transport HTTP -Port 5985))
        $state.created = $null
        $matching = { param($Selector) $state.listeners | Where-Object { $_.Address -eq $Selector.Address -and $_.Transport -eq $Selector.Transport } | Select-Object -First 1 }
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Get-WSManInstance {
            if ($Enumerate) { return $state.listeners }
            $found = & $matching $SelectorSet
            if ($null -eq $found) { throw [System.InvalidOperationException]::new('The WS-Management service cannot process the request. The service cannot find the resource identified by the resource URI and selectors.') }
            $found
        }
        Mock Set-WSManInstance { $found = & $matching $SelectorSet; foreach ($name in $ValueSet.Keys) { Set-ExreadyListenerValue -Listener $found -Name $name -Value $ValueSet[$name] } }
        Mock New-WSManInstance { $state.listeners.Add((New-ExreadyListenerStandIn -Address $SelectorSet.Address -Transport $SelectorSet.Transport -Hostname $ValueSet.Hostname -CertificateThumbprint $ValueSet.CertificateThumbprint)) }
        Mock Remove-WSManInstance { [void]$state.listeners.Remove((& $matching $SelectorSet)) }
        Mock Get-Item -ParameterFilter { $LiteralPath -like 'Cert:\LocalMachine\My\*' } { $state.store[($LiteralPath -split '\\')[-1]] }
        Mock New-SelfSignedCertificate { $state.created = New-ExreadyCertificateStandIn -Subject "CN=$($DnsName[0])" -DnsNames $DnsName -Usages '1.3.6.1.5.5.7.3.2', '1.3.6.1.5.5.7.3.1'; $state.store[$state.created.Thumbprint] = $state.created; $state.created }
    }

    Context 'New-ExreadyHttpsListener.ps1' {
        BeforeEach { $create = { param($Request) & $runScript 'New-ExreadyHttpsListener.ps1' $Request } }

        It 'creates the listener with a <Kind> certificate naming the server' -ForEach @(
            @{ Kind = 'SAN' ; Key = 'san' }, @{ Kind = 'CN only'; Key = 'cnOnly' }, @{ Kind = 'wildcard'; Key = 'wildcard' }, @{ Kind = 'no EKU extension (any purpose)'; Key = 'noUsages' }
        ) {
            $thumbprint = $certificates[$Key].Thumbprint
            $result = & $create @{ server = 'exch01.contoso.com'; thumbprint = $thumbprint.ToLowerInvariant() }
            $result.status | Should -Be 'applied'
            $result.before.listener | Should -BeNullOrEmpty
            $result.after.listener.thumbprint | Should -Be $thumbprint
            $result.after.listener.hostname | Should -Be 'exch01.contoso.com'
            Should -Invoke New-WSManInstance -Times 1 -Exactly -ParameterFilter { $ValueSet.Hostname -eq 'exch01.contoso.com' -and $ValueSet.CertificateThumbprint -eq $thumbprint }
        }

        It 'refuses a certificate that <Why>' -ForEach @(
            @{ Why = 'expired'; Key = 'expired'; Reason = 'it expired on' }
            @{ Why = 'is not valid yet'; Key = 'notYetValid'; Reason = 'it is not valid before' }
            @{ Why = 'has no private key on the server'; Key = 'noPrivateKey'; Reason = 'its private key is not on the server' }
            @{ Why = 'is for client authentication only'; Key = 'clientOnly'; Reason = 'not for Server Authentication.*1\.3\.6\.1\.5\.5\.7\.3\.2' }
            @{ Why = 'has no Server Authentication usage'; Key = 'codeSigning'; Reason = 'not for Server Authentication.*1\.3\.6\.1\.5\.5\.7\.3\.3' }
            @{ Why = 'names another host'; Key = 'otherHost'; Reason = 'issued to exch02\.contoso\.com.*not to the listener host name exch01\.contoso\.com' }
            @{ Why = 'is a wildcard for a whole top-level domain'; Key = 'topWildcard'; Reason = 'not to the listener host name' }
        ) {
            $result = & $create @{ server = 'exch01.contoso.com'; thumbprint = $certificates[$Key].Thumbprint }
            $result.status | Should -Be 'refused'
            $result.changed | Should -BeFalse
            $result.message | Should -Match $Reason
            Should -Invoke New-WSManInstance -Times 0 -Exactly
        }

        It 'checks the certificate against the listener host name the admin gave' {
            $result = & $create @{ server = 'exch01.contoso.com'; hostname = 'mail.contoso.com'; thumbprint = $certificates.cnOnly.Thumbprint }
            $result.status | Should -Be 'refused'
            (& $create @{ server = 'exch01.contoso.com'; hostname = 'mail.contoso.com'; thumbprint = $certificates.san.Thumbprint }).status | Should -Be 'applied'
        }

        It 'fails for a thumbprint that is not in LocalMachine\My' {
            $result = & $create @{ server = 'exch01.contoso.com'; thumbprint = 'AB' * 20 }
            $result.status | Should -Be 'failed'
            $result.message | Should -Match 'is not in LocalMachine\\My'
        }

        It 'creates a self-signed certificate only when asked, for the host name' {
            $result = & $create @{ server = 'exch01.contoso.com'; selfSigned = $true }
            $result.status | Should -Be 'applied'
            Should -Invoke New-SelfSignedCertificate -Times 1 -Exactly -ParameterFilter { $DnsName -contains 'exch01.contoso.com' -and $CertStoreLocation -eq 'Cert:\LocalMachine\My' }
            $result.after.listener.thumbprint | Should -Be $state.created.Thumbprint
        }

        It 'changes nothing when an HTTPS listener on 5986 exists' {
            $state.listeners.Add((New-ExreadyListenerStandIn -Hostname 'exch01.contoso.com' -CertificateThumbprint $certificates.san.Thumbprint))
            (& $create @{ server = 'exch01.contoso.com'; thumbprint = $certificates.cnOnly.Thumbprint }).status | Should -Be 'unchanged'
            Should -Invoke New-WSManInstance -Times 0 -Exactly
        }

        It 'removes the listener it created on undo' {
            $state.listeners.Add((New-ExreadyListenerStandIn -Hostname 'exch01.contoso.com' -CertificateThumbprint $certificates.san.Thumbprint))
            $result = & $create @{ server = 'exch01.contoso.com'; thumbprint = $certificates.san.Thumbprint; restore = @{ before = @{ listener = $null }; after = @{ listener = @{} } } }
            $result.status | Should -Be 'applied'
            @($state.listeners | Where-Object { $_.Transport -eq 'HTTPS' }).Count | Should -Be 0
        }

        It 'refuses <Field> values before connecting' -ForEach @(
            @{ Field = 'thumbprint'; Request = @{ thumbprint = 'xyz' } }
            @{ Field = 'thumbprint'; Request = @{ thumbprint = ('01' * 20); selfSigned = $true } }
            @{ Field = 'thumbprint'; Request = @{} }
            @{ Field = 'hostname'; Request = @{ hostname = 'mail contoso'; selfSigned = $true } }
            @{ Field = 'selfSigned'; Request = @{ selfSigned = 'yes' } }
        ) {
            $Request.server = 'exch01.contoso.com'
            $result = & $create $Request
            $result.status | Should -Be 'refused'
            $result.error | Should -Match "^${Field}: "
            Should -Invoke Invoke-Command -Times 0 -Exactly
        }
    }

    Context 'Enable-ExreadyHttpsListener.ps1' {
        BeforeEach { $enable = { param($Request) & $runScript 'Enable-ExreadyHttpsListener.ps1' $Request } }

        It 'enables a disabled HTTPS listener' {
            $state.listeners.Add((New-ExreadyListenerStandIn -Enabled 'false' -CertificateThumbprint $certificates.san.Thumbprint))
            $result = & $enable @{ server = 'exch01.contoso.com'; transport = 'http' }
            $result.status | Should -Be 'applied'
            $result.before.enabled | Should -BeFalse
            $result.after.enabled | Should -BeTrue
            Should -Invoke Set-WSManInstance -Times 1 -Exactly -ParameterFilter { $ValueSet.Enabled -ceq 'true' -and $SelectorSet.Transport -eq 'HTTPS' }
        }

        It 'refuses a listener Group Policy defines' {
            $state.listeners.Add((New-ExreadyListenerStandIn -Enabled 'false' -Source 'GPO'))
            $result = & $enable @{ server = 'exch01.contoso.com' }
            $result.status | Should -Be 'refused'
            $result.message | Should -Match 'Group Policy'
            Should -Invoke Set-WSManInstance -Times 0 -Exactly
        }

        It 'fails clearly when there is no HTTPS listener to enable' {
            $result = & $enable @{ server = 'exch01.contoso.com' }
            $result.status | Should -Be 'failed'
            $result.message | Should -Match 'no HTTPS listener'
        }

        It 'changes nothing on an enabled listener; disables it again on undo' {
            $state.listeners.Add((New-ExreadyListenerStandIn))
            (& $enable @{ server = 'exch01.contoso.com' }).status | Should -Be 'unchanged'
            $result = & $enable @{ server = 'exch01.contoso.com'; restore = @{ before = @{ enabled = $false }; after = @{ enabled = $true } } }
            $result.status | Should -Be 'applied'
            $result.after.enabled | Should -BeFalse
        }

        It 'refuses an undo whose audited value is not true or false' {
            $result = & $enable @{ server = 'exch01.contoso.com'; restore = @{ before = @{ enabled = 'no' }; after = @{ enabled = $true } } }
            $result.status | Should -Be 'refused'
            $result.error | Should -Match '^restore\.before\.enabled: '
        }
    }

    Context 'Set-ExreadyListenerCertificate.ps1' {
        BeforeEach {
            $rebind = { param($Request) & $runScript 'Set-ExreadyListenerCertificate.ps1' $Request }
            $state.listeners.Add((New-ExreadyListenerStandIn -Hostname 'exch01.contoso.com' -CertificateThumbprint $certificates.expired.Thumbprint))
        }

        It 'rebinds the listener to a fit certificate and re-reads it' {
            $result = & $rebind @{ server = 'exch01.contoso.com'; thumbprint = $certificates.san.Thumbprint }
            $result.status | Should -Be 'applied'
            $result.before.thumbprint | Should -Be $certificates.expired.Thumbprint
            $result.after.thumbprint | Should -Be $certificates.san.Thumbprint
        }

        It 'refuses a certificate that cannot serve the listener (<Key>)' -ForEach @(
            @{ Key = 'expired' ; Current = 'san' }, @{ Key = 'noPrivateKey'; Current = 'expired' }, @{ Key = 'clientOnly'; Current = 'expired' }, @{ Key = 'otherHost'; Current = 'expired' }
        ) {
            Set-ExreadyListenerValue -Listener $state.listeners[1] -Name 'CertificateThumbprint' -Value $certificates[$Current].Thumbprint
            $result = & $rebind @{ server = 'exch01.contoso.com'; thumbprint = $certificates[$Key].Thumbprint }
            $result.status | Should -Be 'refused'
            $result.message | Should -Match 'cannot serve the listener'
            Should -Invoke Set-WSManInstance -Times 0 -Exactly
        }

        It "checks the certificate against the listener's own Hostname" {
            Set-ExreadyListenerValue -Listener $state.listeners[1] -Name 'Hostname' -Value 'mail.contoso.com'
            (& $rebind @{ server = 'exch01.contoso.com'; thumbprint = $certificates.cnOnly.Thumbprint }).status | Should -Be 'refused'
            (& $rebind @{ server = 'exch01.contoso.com'; thumbprint = $certificates.san.Thumbprint }).status | Should -Be 'applied'
        }

        It 'refuses a listener Group Policy defines' {
            $state.listeners[1].SetAttribute('Source', 'GPO')
            (& $rebind @{ server = 'exch01.contoso.com'; thumbprint = $certificates.san.Thumbprint }).status | Should -Be 'refused'
        }

        It 'puts back the audited thumbprint on undo without judging it again' {
            Set-ExreadyListenerValue -Listener $state.listeners[1] -Name 'CertificateThumbprint' -Value $certificates.san.Thumbprint
            $result = & $rebind @{ server = 'exch01.contoso.com'; thumbprint = $certificates.san.Thumbprint; restore = @{ before = @{ thumbprint = $certificates.expired.Thumbprint }; after = @{ thumbprint = $certificates.san.Thumbprint } } }
            $result.status | Should -Be 'applied'
            $result.after.thumbprint | Should -Be $certificates.expired.Thumbprint
        }

        It 'refuses a thumbprint that is not 40 hex digits' {
            $result = & $rebind @{ server = 'exch01.contoso.com'; thumbprint = 'Z' * 40 }
            $result.status | Should -Be 'refused'
            $result.error | Should -Match '^thumbprint: '
            Should -Invoke Invoke-Command -Times 0 -Exactly
        }
    }
}
