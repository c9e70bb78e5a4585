# The WinRM and certificate parts of an Exchange server's facts, from stand-ins shaped like the Windows objects, as the
# jump host receives them through remoting and prints them (the shapes the TypeScript schemas and the PS 5.1 normaliser read).
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/WindowsObjects.ps1')
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    foreach ($name in 'Invoke-ExreadyPart.ps1', 'Get-ExreadyWinrmService.ps1', 'Get-ExreadyWinrmListeners.ps1', 'Get-ExreadyWinrmServiceAuth.ps1', 'Get-ExreadyCertificates.ps1') {
        . (Join-Path $collect $name)
    }

    # Windows-only cmdlets, with the parameters the parts use (Pester mocks only what exists).
    function Get-Service { param([Parameter(Position = 0)][string[]]$Name) throw "Get-Service $Name is not stood in" }
    function Get-WSManInstance { param([Parameter(Position = 0)][string]$ResourceURI, [hashtable]$SelectorSet, [switch]$Enumerate) throw 'Get-WSManInstance is not stood in' }

    # One part as the server block builds it, through remoting, and as the jump host prints it (Invoke-ExreadyCollection.ps1).
    function Get-RemotedPart {
        param([scriptblock]$Collect)
        $facts = [pscustomobject]@{ part = Invoke-ExreadyPart $Collect }
        ($facts | ConvertTo-ExreadyRemoted).part
    }
    function ConvertTo-JumpHostJson { param($Value) $Value | ConvertTo-Json -Compress -Depth 10 }

    $serverAuthentication = '1.3.6.1.5.5.7.3.1'
    $clientAuthentication = '1.3.6.1.5.5.7.3.2'
    $codeSigning = '1.3.6.1.5.5.7.3.3'
    $certificatePath = 'Cert:\LocalMachine\My'
    $cbtPath = 'WSMan:\localhost\Service\Auth\CbtHardeningLevel'
}

Describe 'Get-ExreadyWinrmService' {
    It 'prints status and start type as the enum numbers the normaliser names (<case>)' -ForEach @(
        @{ case = 'running, automatic'; status = 'Running'; startType = 'Automatic'; json = '{"status":4,"startType":2}' }
        @{ case = 'stopped, manual'; status = 'Stopped'; startType = 'Manual'; json = '{"status":1,"startType":3}' }
        @{ case = 'stopped, disabled'; status = 'Stopped'; startType = 'Disabled'; json = '{"status":1,"startType":4}' }
        # ServiceController.StartType has no delayed start: Windows reports Automatic (2) for "Automatic (Delayed Start)".
        @{ case = 'automatic, delayed start'; status = 'StartPending'; startType = 'Automatic'; json = '{"status":2,"startType":2}' }
    ) {
        Mock Get-Service { New-ExreadyServiceStandIn -Status $status -StartType $startType } -ParameterFilter { $Name -eq 'WinRM' }
        $part = Get-RemotedPart { Get-ExreadyWinrmService }
        $part.status | Should -Be 'collected'
        ConvertTo-JumpHostJson $part.value | Should -Be $json
        $part.value.status | Should -BeOfType [int]
    }

    It 'is not collected with the message when the service does not exist' {
        Mock Get-Service { Write-Error -Message "Cannot find any service with service name 'WinRM'." -Category ObjectNotFound -ErrorId 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand' }
        $part = Get-RemotedPart { Get-ExreadyWinrmService }
        $part.status | Should -Be 'not-collected'
        $part.error | Should -Be "Cannot find any service with service name 'WinRM'."
    }
}

Describe 'Get-ExreadyWinrmListeners' {
    It 'prints every listener''s values as WSMan''s text, and Source from the XmlElement attribute' {
        Mock Get-WSManInstance -ParameterFilter { $ResourceURI -eq 'winrm/config/listener' -and $Enumerate } {
            New-ExreadyListenerStandIn -Transport 'HTTP' -Port 5985
            New-ExreadyListenerStandIn -Transport 'HTTPS' -Port 5986 -Hostname 'exch01.contoso.com' -CertificateThumbprint 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334' -Source 'GPO'
        }
        $part = Get-RemotedPart { Get-ExreadyWinrmListeners }
        $part.status | Should -Be 'collected'
        ConvertTo-JumpHostJson $part.value | Should -Be (ConvertTo-JumpHostJson @(
                [ordered]@{ address = '*'; transport = 'HTTP'; port = '5985'; hostname = ''; enabled = 'true'; certificateThumbprint = ''; source = $null }
                [ordered]@{ address = '*'; transport = 'HTTPS'; port = '5986'; hostname = 'exch01.contoso.com'; enabled = 'true'; certificateThumbprint = 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334'; source = 'GPO' }
            ))
    }

    It 'keeps one listener a list of one, with the legacy listener''s Source' {
        Mock Get-WSManInstance { New-ExreadyListenerStandIn -Transport 'HTTP' -Port 80 -Source 'Compatibility' -Enabled 'false' }
        $json = ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyWinrmListeners })
        $json | Should -Be '{"status":"collected","value":[{"address":"*","transport":"HTTP","port":"80","hostname":"","enabled":"false","certificateThumbprint":"","source":"Compatibility"}]}'
    }

    It 'collects a server without any listener as [] through remoting, never {}' {
        Mock Get-WSManInstance { }
        ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyWinrmListeners }) | Should -Be '{"status":"collected","value":[]}'
    }
}

Describe 'Get-ExreadyWinrmServiceAuth' {
    It 'reads CbtHardeningLevel and that Group Policy sets it (SourceOfValue)' {
        Mock Get-Item -ParameterFilter { $Path -eq $cbtPath } { New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value 'Strict' -SourceOfValue 'GPO' }
        ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyWinrmServiceAuth }) |
            Should -Be '{"status":"collected","value":{"cbtHardeningLevel":"Strict","cbtHardeningLevelSource":"GPO"}}'
    }

    It 'gives a locally set level no source' {
        Mock Get-Item -ParameterFilter { $Path -eq $cbtPath } { New-ExreadyWsmanLeafStandIn -Name 'CbtHardeningLevel' -Value 'Relaxed' }
        ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyWinrmServiceAuth }).value | Should -Be '{"cbtHardeningLevel":"Relaxed","cbtHardeningLevelSource":null}'
    }
}

Describe 'Get-ExreadyCertificates on a <language> Windows' -ForEach @(@{ language = 'en-US' }, @{ language = 'de-DE' }) {
    BeforeAll {
        Install-ExreadyWindowsCertificateTypeData -Language $language
        $now = [DateTime]::UtcNow
        $store = [ordered]@{
            san            = New-ExreadyCertificateStandIn -Subject 'CN=mail.contoso.com, O=Contoso' -DnsNames 'mail.contoso.com', 'exch01.contoso.com', 'autodiscover.contoso.com'
            cnOnly         = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com'
            expired        = New-ExreadyCertificateStandIn -Subject 'CN=exch01.contoso.com' -DnsNames 'exch01.contoso.com' -NotBeforeDays -400 -NotAfterDays -2
            noPrivateKey   = New-ExreadyCertificateStandIn -DnsNames 'exch01.contoso.com' -WithoutPrivateKey
            codeSigning    = New-ExreadyCertificateStandIn -DnsNames 'exch01.contoso.com' -Usages $codeSigning
            clientAuthOnly = New-ExreadyCertificateStandIn -DnsNames 'exch01.contoso.com' -Usages $clientAuthentication
            noEku          = New-ExreadyCertificateStandIn -DnsNames 'exch01.contoso.com' -NoUsageExtension
        }
        Mock Get-ChildItem -ParameterFilter { $Path -eq $certificatePath } { $store.Values }
        $part = Get-RemotedPart { Get-ExreadyCertificates }
        $printed = (ConvertTo-JumpHostJson $part) | ConvertFrom-Json -DateKind String
        $byThumbprint = @{}
        foreach ($certificate in $printed.value) { $byThumbprint[$certificate.thumbprint] = $certificate }
        function Get-Printed { param([string]$Key) $byThumbprint[$store[$Key].Thumbprint] }
    }
    AfterAll {
        Uninstall-ExreadyWindowsCertificateTypeData
    }

    It 'stands in PowerShell''s DnsNameList as Windows in <language> computes it' {
        $expected = @{ 'en-US' = 'mail.contoso.com,exch01.contoso.com,autodiscover.contoso.com'; 'de-DE' = '' }[$language]
        (@($store['san'].DnsNameList | ForEach-Object { $_.Unicode }) -join ',') | Should -Be $expected
        (@($store['cnOnly'].DnsNameList | ForEach-Object { $_.Unicode }) -join ',') | Should -Be 'exch01.contoso.com'
        (@($store['clientAuthOnly'].EnhancedKeyUsageList | ForEach-Object { $_.ObjectId }) -join ',') | Should -Be $clientAuthentication
    }

    It 'collects every certificate of the store, each once, by thumbprint' {
        $part.status | Should -Be 'collected'
        @($printed.value).Count | Should -Be $store.Count
        foreach ($key in $store.Keys) { Get-Printed $key | Should -Not -BeNullOrEmpty -Because $key }
        foreach ($certificate in $printed.value) { $certificate.thumbprint | Should -MatchExactly '^[0-9A-F]{40}$' }
    }

    # PowerShell's DnsNameList (the old source) parses the localised "DNS Name=" text: no SAN name on a German Windows.
    It 'lists every DNS name of the Subject Alternative Name as a string, in order' {
        ConvertTo-Json -Compress -InputObject @((Get-Printed 'san').dnsNames) | Should -Be '["mail.contoso.com","exch01.contoso.com","autodiscover.contoso.com"]'
        (Get-Printed 'san').subject | Should -Be 'CN=mail.contoso.com, O=Contoso'
        ConvertTo-Json -Compress -InputObject @((Get-Printed 'expired').dnsNames) | Should -Be '["exch01.contoso.com"]'
    }

    It 'reads a long SAN (DER long-form length) and skips its entries that are not DNS names' {
        $names = @(1..12 | ForEach-Object { "host$_.exchange-servers.contoso.com" })
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=exch01, O=Contoso', [System.Security.Cryptography.ECDsa]::Create(), [System.Security.Cryptography.HashAlgorithmName]::SHA256)
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $san.AddIpAddress([System.Net.IPAddress]::Parse('10.0.0.11'))
        foreach ($name in $names) { $san.AddDnsName($name) }
        $san.AddEmailAddress('admin@contoso.com')
        $request.CertificateExtensions.Add($san.Build())
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
        Mock Get-ChildItem -ParameterFilter { $Path -eq $certificatePath } { $certificate }
        $printed = (ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyCertificates })) | ConvertFrom-Json
        ConvertTo-Json -Compress -InputObject @($printed.value[0].dnsNames) | Should -Be (ConvertTo-Json -Compress -InputObject $names)
    }

    It 'gives a certificate with a CN only no DNS names (the rule reads the CN from subject)' {
        $certificate = Get-Printed 'cnOnly'
        $certificate.subject | Should -Be 'CN=exch01.contoso.com'
        ConvertTo-Json -Compress -InputObject @($certificate.dnsNames) | Should -Be '[]'
    }

    It 'prints NotBefore and NotAfter as ISO dates in UTC, an expired one in the past' {
        foreach ($key in $store.Keys) {
            $certificate = Get-Printed $key
            $certificate.notAfter | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$' -Because $key
            $certificate.notBefore | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$' -Because $key
            [DateTimeOffset]::Parse($certificate.notAfter).UtcDateTime | Should -Be $store[$key].NotAfter.ToUniversalTime() -Because $key
        }
        [DateTimeOffset]::Parse((Get-Printed 'expired').notAfter).UtcDateTime | Should -BeLessThan $now
        [DateTimeOffset]::Parse((Get-Printed 'san').notAfter).UtcDateTime | Should -BeGreaterThan $now
    }

    It 'says whether the private key is there, as a boolean' {
        (Get-Printed 'noPrivateKey').hasPrivateKey | Should -BeExactly $false
        (Get-Printed 'san').hasPrivateKey | Should -BeExactly $true
    }

    It 'lists the Enhanced Key Usage OIDs: Server Authentication, another purpose, Client Authentication only, no EKU extension' {
        ConvertTo-Json -Compress -InputObject @((Get-Printed 'san').enhancedKeyUsages) | Should -Be "[`"$serverAuthentication`"]"
        ConvertTo-Json -Compress -InputObject @((Get-Printed 'codeSigning').enhancedKeyUsages) | Should -Be "[`"$codeSigning`"]"
        ConvertTo-Json -Compress -InputObject @((Get-Printed 'clientAuthOnly').enhancedKeyUsages) | Should -Be "[`"$clientAuthentication`"]"
        ConvertTo-Json -Compress -InputObject @((Get-Printed 'noEku').enhancedKeyUsages) | Should -Be '[]'
    }

    It 'keeps one certificate a list of one' {
        Mock Get-ChildItem -ParameterFilter { $Path -eq $certificatePath } { $store['san'] }
        $json = ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyCertificates })
        $json | Should -BeLike '{"status":"collected","value":`[{"thumbprint":"*'
    }

    It 'collects an empty store as [] through remoting, never {}' {
        Mock Get-ChildItem -ParameterFilter { $Path -eq $certificatePath } { }
        ConvertTo-JumpHostJson (Get-RemotedPart { Get-ExreadyCertificates }) | Should -Be '{"status":"collected","value":[]}'
    }
}

Describe 'Get-ExreadySanDnsNames' {
    It 'keeps the names before a truncated entry and stops there, without throwing' {
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $san.AddDnsName('exch01.contoso.com')
        $san.AddDnsName('mail.contoso.com')
        $der = $san.Build().RawData
        @(Get-ExreadySanDnsNames -Der $der) | Should -Be @('exch01.contoso.com', 'mail.contoso.com')
        @(Get-ExreadySanDnsNames -Der $der[0..($der.Length - 4)]) | Should -Be @('exch01.contoso.com')
        @(Get-ExreadySanDnsNames -Der ([byte[]](0x04, 0x00))) | Should -HaveCount 0
    }
}
