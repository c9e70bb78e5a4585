# Get-ExreadyMfaFacts on a stand-in Exchange server: IIS names the app folders (applicationHost.config under a stand-in
# %windir%), web.config bytes, module DLLs, ExReady backups and log lines come from $TestDrive, the API is an HTTP endpoint on
# 127.0.0.1, and the facts cross remoting and the jump host's JSON as the collector sends them.
BeforeAll {
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Invoke-ExreadyPart.ps1')
    . (Join-Path $collect 'Get-ExreadyMfaFacts.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Mfa.ps1')
    $windir = $env:windir
    $installPath = $env:ExchangeInstallPath
    # The facts as the jump host prints them: the part crosses PSRP, then ConvertTo-Json as in Invoke-ExreadyCollection.ps1.
    function Get-ExreadyPrintedMfaFacts {
        param($Parameters)
        $part = Invoke-ExreadyPart { Get-ExreadyMfaFacts -Parameters $Parameters } | ConvertTo-ExreadyRemoted
        $json = $part | ConvertTo-Json -Compress -Depth 10
        [pscustomobject]@{ json = $json; part = $json | ConvertFrom-Json }
    }
    $assembly = 'MonoSign.IISModule'
}

AfterAll {
    $env:windir = $windir
    $env:ExchangeInstallPath = $installPath
}

Describe 'Get-ExreadyMfaFacts' {
    BeforeEach {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $env:windir = Join-Path $root 'Windows'
        $env:ExchangeInstallPath = (Join-Path $root 'Exchange') + [System.IO.Path]::DirectorySeparatorChar
        $owa = Join-Path $root 'Exchange/FrontEnd/HttpProxy/owa'
        $ecp = Join-Path $root 'Exchange/FrontEnd/HttpProxy/ecp'
        $logs = Join-Path $root 'MonoSign/Logs'
        $null = New-Item -ItemType Directory -Path (Join-Path $owa 'bin'), $ecp, $logs -Force
        # IIS names the folders with the Exchange variable, as setup writes them.
        New-ExreadyApplicationHostConfig -Windir $env:windir -Apps @{ owa = '%ExchangeInstallPath%FrontEnd/HttpProxy/owa'; ecp = '%ExchangeInstallPath%FrontEnd/HttpProxy/ecp' }
        $owaConfig = New-ExreadyMfaWebConfigBytes @{ MONOSIGN_API_URL = 'http://127.0.0.1:9/never'; MONOSIGN_LOG_PATH = $logs }
        $ecpConfig = New-ExreadyMfaWebConfigBytes @{}
        [System.IO.File]::WriteAllBytes((Join-Path $owa 'web.config'), $owaConfig)
        [System.IO.File]::WriteAllBytes((Join-Path $ecp 'web.config'), $ecpConfig)
        # owa: the module deployed beside Exchange's own DLLs, and two ExReady backups (the older one first in time).
        [System.IO.File]::WriteAllBytes((Join-Path $owa "bin/$assembly.dll"), [byte[]](0x4D, 0x5A, 1, 2))
        [System.IO.File]::WriteAllBytes((Join-Path $owa 'bin/Microsoft.Exchange.Clients.Owa2.Server.dll'), [byte[]](0x4D, 0x5A, 3))
        foreach ($backup in @(@{ Name = 'web.config.exready-20261120-090000.bak'; Age = -3 }, @{ Name = 'web.config.exready-20261122-100000.bak'; Age = -1 })) {
            $file = Join-Path $owa $backup.Name
            [System.IO.File]::WriteAllBytes($file, $ecpConfig)
            [System.IO.File]::SetLastWriteTimeUtc($file, [DateTime]::UtcNow.AddDays($backup.Age))
        }
        [System.IO.File]::WriteAllText((Join-Path $owa 'web.config.bak'), 'not an ExReady backup')
        # Two log files: the newer holds two lines, the older three; the newest three lines span both.
        [System.IO.File]::WriteAllText((Join-Path $logs 'monosign-20261121.log'), "a1`r`na2`r`na3 Größe`r`n", [System.Text.UTF8Encoding]::new($false))
        [System.IO.File]::SetLastWriteTimeUtc((Join-Path $logs 'monosign-20261121.log'), [DateTime]::UtcNow.AddDays(-1))
        [System.IO.File]::WriteAllText((Join-Path $logs 'monosign-20261122.log'), "b1`r`nb2`r`n", [System.Text.UTF8Encoding]::new($false))
        $parameters = [pscustomobject]@{
            profileId = 'monosign'; apps = @('owa', 'ecp'); assemblyName = $assembly
            apiUrlKey = 'MONOSIGN_API_URL'; logPathKey = 'MONOSIGN_LOG_PATH'; defaultLogPath = (Join-Path $root 'default-logs')
            logLineCount = 3; apiTimeoutSeconds = 5
        }
        Mock Get-AuthenticodeSignature { New-ExreadySignatureStandIn -Status Valid -SignerSubject 'CN=MonoSign Bilgi Teknolojileri A.S., O=MonoSign, C=TR' }
    }

    It 'reads each app from the path IIS names: web.config bytes and hash, module DLLs with signature, ExReady backups oldest first' {
        $printed = Get-ExreadyPrintedMfaFacts $parameters
        # Round-trip time in UTC, as the service compares backup times.
        $printed.json | Should -Match '"lastWriteTimeUtc":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z"'
        $facts = $printed.part
        $facts.status | Should -Be 'collected'
        $facts.value.profileId | Should -Be 'monosign'
        $owaFacts = $facts.value.apps[0]
        $owaFacts.app | Should -Be 'owa'
        $owaFacts.path.value.source | Should -Be 'applicationHost.config'
        $owaFacts.path.value.physicalPath | Should -Be "$($env:ExchangeInstallPath)FrontEnd/HttpProxy/owa"
        [Convert]::FromBase64String($owaFacts.webConfig.value.base64) | Should -Be $owaConfig
        $owaFacts.webConfig.value.sha256 | Should -Be ([BitConverter]::ToString([System.Security.Cryptography.SHA256]::HashData($owaConfig)).Replace('-', ''))
        # Only the module's assembly; one DLL is one object, as PS 5.1 prints a one-item pipeline.
        $owaFacts.binaries.value.name | Should -Be "$assembly.dll"
        $owaFacts.binaries.value.signatureStatus | Should -Be 'Valid'
        $owaFacts.binaries.value.signerSubject | Should -Be 'CN=MonoSign Bilgi Teknolojileri A.S., O=MonoSign, C=TR'
        $owaFacts.backups.value.name | Should -Be @('web.config.exready-20261120-090000.bak', 'web.config.exready-20261122-100000.bak')
        $owaFacts.backups.value[0].length | Should -Be $ecpConfig.Length
        Should -Invoke Get-AuthenticodeSignature -Times 1 -Exactly
    }

    It 'gives an app without bin, without module DLLs or without backups null values, never {} after remoting' {
        Remove-Item -LiteralPath (Join-Path $owa "bin/$assembly.dll")
        $printed = Get-ExreadyPrintedMfaFacts $parameters
        $printed.json | Should -Not -BeLike '*{}*'
        $owaFacts, $ecpFacts = $printed.part.value.apps
        $owaFacts.binaries.status | Should -Be 'collected'
        $owaFacts.binaries.value | Should -BeNullOrEmpty
        $ecpFacts.app | Should -Be 'ecp'
        $ecpFacts.binaries.status | Should -Be 'collected'
        $ecpFacts.binaries.value | Should -BeNullOrEmpty
        $ecpFacts.backups.status | Should -Be 'collected'
        $ecpFacts.backups.value | Should -BeNullOrEmpty
        $printed.json | Should -BeLike '*"binaries":{"status":"collected","value":null}*'
    }

    It 'reports an unsigned DLL, and one whose signature cannot be read, without failing the part' {
        Mock Get-AuthenticodeSignature { New-ExreadySignatureStandIn -Status NotSigned }
        $binary = (Get-ExreadyPrintedMfaFacts $parameters).part.value.apps[0].binaries.value
        $binary.signatureStatus | Should -Be 'NotSigned'
        $binary.signerSubject | Should -BeNullOrEmpty
        Mock Get-AuthenticodeSignature { throw [System.UnauthorizedAccessException]::new('Access to the path is denied.') }
        $binary = (Get-ExreadyPrintedMfaFacts $parameters).part.value.apps[0].binaries.value
        $binary.name | Should -Be "$assembly.dll"
        $binary.signatureStatus | Should -BeNullOrEmpty
    }

    It 'reads the newest log lines of the newest files, oldest first, from the folder web.config names' {
        $log = (Get-ExreadyPrintedMfaFacts $parameters).part.value.logs
        $log.status | Should -Be 'collected'
        $log.value.path | Should -Be $logs
        $log.value.pathSource | Should -Be 'web.config'
        $log.value.files | Should -Be @('monosign-20261122.log', 'monosign-20261121.log')
        $log.value.lines | Should -Be @('a3 Größe', 'b1', 'b2')
    }

    It 'falls back to the default log folder when web.config names none, and reports a missing folder as not collected' {
        [System.IO.File]::WriteAllBytes((Join-Path $owa 'web.config'), $ecpConfig)
        $facts = (Get-ExreadyPrintedMfaFacts $parameters).part.value
        $facts.logs.status | Should -Be 'not-collected'
        $facts.logs.error | Should -Be "The log folder $($parameters.defaultLogPath) does not exist on this server"
        $facts.api.value.outcome | Should -Be 'not-configured'
    }

    It 'gives an empty log folder empty lists, not null' {
        Get-ChildItem -LiteralPath $logs | Remove-Item
        $printed = Get-ExreadyPrintedMfaFacts $parameters
        $printed.json | Should -BeLike '*"files":`[`],"lines":`[`]*'
    }

    It 'answers the API probe from an HTTP endpoint: <Outcome> <Code>' -ForEach @(
        @{ Code = 200; Reason = 'OK'; Outcome = 'reachable' }
        @{ Code = 503; Reason = 'Service Unavailable'; Outcome = 'http-status' }
        # Redirects are not followed (AllowAutoRedirect off): the API answered, with its status.
        @{ Code = 302; Reason = 'Found'; Outcome = 'reachable' }
    ) {
        $endpoint = New-ExreadyHttpEndpoint -StatusCode $Code -Reason $Reason
        try {
            [System.IO.File]::WriteAllBytes((Join-Path $owa 'web.config'), (New-ExreadyMfaWebConfigBytes @{ MONOSIGN_API_URL = $endpoint.Url }))
            $api = (Get-ExreadyPrintedMfaFacts $parameters).part.value.api
        } finally { & $endpoint.Close }
        $api.status | Should -Be 'collected'
        $api.value.url | Should -Be $endpoint.Url
        $api.value.outcome | Should -Be $Outcome
        $api.value.statusCode | Should -Be $Code
    }

    It 'names a refused connection as tcp-failure' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        [System.IO.File]::WriteAllBytes((Join-Path $owa 'web.config'), (New-ExreadyMfaWebConfigBytes @{ MONOSIGN_API_URL = "http://127.0.0.1:$port/"; MONOSIGN_LOG_PATH = $logs }))
        $api = (Get-ExreadyPrintedMfaFacts $parameters).part.value.api.value
        $api.outcome | Should -Be 'tcp-failure'
        $api.statusCode | Should -BeNullOrEmpty
        $api.message | Should -Not -BeNullOrEmpty
    }

    It 'refuses an API URL that is not http(s) without sending anything' {
        [System.IO.File]::WriteAllBytes((Join-Path $owa 'web.config'), (New-ExreadyMfaWebConfigBytes @{ MONOSIGN_API_URL = 'file:///etc/passwd' }))
        $api = (Get-ExreadyPrintedMfaFacts $parameters).part.value.api.value
        $api.outcome | Should -Be 'error'
        $api.message | Should -Be 'The API URL is not an http(s) address.'
    }

    It 'still reads the bytes of a web.config that is not XML, and falls back for the API and the logs' {
        [System.IO.File]::WriteAllBytes((Join-Path $owa 'web.config'), [Text.Encoding]::UTF8.GetBytes('<configuration><appSettings>'))
        $facts = (Get-ExreadyPrintedMfaFacts $parameters).part.value
        $facts.apps[0].webConfig.status | Should -Be 'collected'
        $facts.api.value.outcome | Should -Be 'not-configured'
        $facts.logs.error | Should -BeLike '*default-logs does not exist*'
    }

    It 'reports a missing web.config as not collected for that app only' {
        Remove-Item -LiteralPath (Join-Path $ecp 'web.config')
        $facts = (Get-ExreadyPrintedMfaFacts $parameters).part.value
        $facts.apps[1].webConfig.status | Should -Be 'not-collected'
        $facts.apps[1].webConfig.error | Should -BeLike '*web.config*'
        $facts.apps[0].webConfig.status | Should -Be 'collected'
    }

    It 'falls back to the Exchange install folder when IIS names no path, and says why' {
        Remove-Item -LiteralPath (Join-Path $env:windir 'System32/inetsrv/config/applicationHost.config')
        $path = (Get-ExreadyPrintedMfaFacts $parameters).part.value.apps[0].path.value
        $path.source | Should -Be 'ExchangeInstallPath'
        $path.note | Should -Be 'applicationHost.config was not found'
        $path.physicalPath | Should -Be (Join-Path (Join-Path $env:ExchangeInstallPath 'FrontEnd/HttpProxy') 'owa')
    }

    It 'marks every part of an app not collected when neither IIS nor ExchangeInstallPath names its folder' {
        New-ExreadyApplicationHostConfig -Windir $env:windir -Apps @{ ecp = '%ExchangeInstallPath%FrontEnd/HttpProxy/ecp' }
        $env:ExchangeInstallPath = ''
        $owaFacts = (Get-ExreadyPrintedMfaFacts $parameters).part.value.apps[0]
        $owaFacts.path.status | Should -Be 'not-collected'
        $owaFacts.path.error | Should -BeLike 'IIS did not name the physical path of /owa (applicationHost.config names no /owa application under Default Web Site*'
        foreach ($part in 'webConfig', 'binaries', 'backups') {
            $owaFacts.$part.status | Should -Be 'not-collected'
            $owaFacts.$part.error | Should -Be 'the physical path of owa is not known'
        }
    }
}
