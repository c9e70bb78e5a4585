# Restart-ExreadyAppPool.ps1 as the recycle service calls it: only the owa and ecp pools, recycled with the server's appcmd.exe
# (a stand-in executable under a stand-in %windir%), the health probe's outcome reported, and a bad request touching nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/WebConfig.ps1')
    $script = Get-ExreadyWebConfigScriptPath -Name 'Restart-ExreadyAppPool.ps1'
    $recycle = { param($Request) Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 (ConvertTo-ExreadyWebConfigArgument -Parameters $Request) }
    $windir = $env:windir
    # %windir%\System32\inetsrv\appcmd.exe on the server: records its arguments, answers as IIS does, exits with the code asked.
    $env:windir = Join-Path $TestDrive 'Windows'
    $inetsrv = Join-Path $env:windir 'System32/inetsrv'
    $null = New-Item -ItemType Directory -Path $inetsrv -Force
    $appcmd = Join-Path $inetsrv 'appcmd.exe'
    $calls = Join-Path $TestDrive 'appcmd-calls.txt'
    $text = @'
#!/bin/sh
printf '%s\n' "$*" >> "$EXREADY_APPCMD_CALLS"
if [ -n "$APPCMD_FAIL" ]; then echo "ERROR ( message:Cannot find APPPOOL object with identifier \"${3#/apppool.name:}\". )"; exit 1183; fi
echo "APPPOOL object \"${3#/apppool.name:}\" recycled"
'@
    Set-Content -LiteralPath $appcmd -NoNewline -Value ($text -replace "`r", '')
    $env:EXREADY_APPCMD_CALLS = $calls
    chmod +x $appcmd
    # Nothing answers https://localhost/<app>/healthcheck.htm here: the probe's connect is refused at once.
    $probe = [System.Net.Sockets.TcpClient]::new()
    try { $probe.Connect('127.0.0.1', 443); throw 'something listens on 127.0.0.1:443; these tests need it free' } catch [System.Net.Sockets.SocketException] { } finally { $probe.Dispose() }
}

AfterAll {
    $env:windir = $windir
    Remove-Item Env:EXREADY_APPCMD_CALLS -ErrorAction SilentlyContinue
    Remove-Item Env:APPCMD_FAIL -ErrorAction SilentlyContinue
}

Describe 'Restart-ExreadyAppPool.ps1' {
    BeforeEach {
        Remove-Item -LiteralPath $calls -ErrorAction SilentlyContinue
        Remove-Item Env:APPCMD_FAIL -ErrorAction SilentlyContinue
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        Mock Start-Sleep { }
        $request = @{ server = 'exch01.contoso.com'; app = 'owa'; timeoutSeconds = 1 }
    }

    It 'recycles the pool named for <App> on the server, over WinRM HTTPS on 5986' -ForEach @(
        @{ App = 'owa'; Pool = 'MSExchangeOWAAppPool' }, @{ App = 'ecp'; Pool = 'MSExchangeECPAppPool' }
    ) {
        $request.app = $App
        $result = & $recycle $request
        Assert-ExreadyResultShape $result 'appPool', 'statusCode', 'attempts', 'seconds'
        $result.appPool | Should -Be $Pool
        Get-Content -LiteralPath $calls | Should -Be @("recycle apppool /apppool.name:$Pool")
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'exch01.contoso.com' -and $UseSSL -and $Port -eq 5986 }
    }

    It 'reports timed-out with no status code and one attempt when the health check never answers' {
        $result = & $recycle $request
        $result.error | Should -Not -BeLike 'appcmd*'
        $result.status | Should -Be 'timed-out'
        $result.statusCode | Should -BeNullOrEmpty
        $result.attempts | Should -Be 1
        $result.seconds | Should -BeOfType [long]
        $result.error | Should -Not -BeNullOrEmpty
        # The relaxed certificate check is put back for the scripts that run in this shell later.
        [Net.ServicePointManager]::ServerCertificateValidationCallback | Should -BeNullOrEmpty
    }

    It 'reports failed with what appcmd said when the recycle fails, and probes nothing' {
        $env:APPCMD_FAIL = '1'
        $result = & $recycle $request
        $result.status | Should -Be 'failed'
        $result.appPool | Should -Be 'MSExchangeOWAAppPool'
        $result.attempts | Should -Be 0
        $result.error | Should -BeLike 'appcmd recycle failed: ERROR ( message:Cannot find APPPOOL object*'
    }

    It 'refuses an app that has no known pool, recycling nothing' {
        $request.app = 'MSExchangeOWAAppPool'
        $result = & $recycle $request
        $result.status | Should -Be 'refused'
        $result.appPool | Should -BeNullOrEmpty
        $result.error | Should -Be "No app pool is known for 'MSExchangeOWAAppPool'."
        Test-Path -LiteralPath $calls | Should -BeFalse
    }

    It 'answers bad base64 with one refused result line naming ParametersBase64' {
        $result = Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 '*'
        Assert-ExreadyResultShape $result 'appPool', 'statusCode', 'attempts', 'seconds'
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^ParametersBase64: not base64'
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'refuses a request without a server and recycles nothing on this machine' {
        $request.Remove('server')
        $result = & $recycle $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^server: missing'
        Should -Invoke Invoke-Command -Times 0 -Exactly
        Test-Path -LiteralPath $calls | Should -BeFalse
    }

    It 'refuses a timeout that is not whole seconds from 1 to 3600: <Timeout>' -ForEach @(@{ Timeout = 'soon' }, @{ Timeout = 0 }, @{ Timeout = 1.5 }, @{ Timeout = 86400 }) {
        $request.timeoutSeconds = $Timeout
        $result = & $recycle $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^timeoutSeconds: '
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'reports a connection that fails as failed, with its error' {
        Mock Invoke-Command { throw [System.Management.Automation.Remoting.PSRemotingTransportException]::new('WinRM cannot complete the operation.') }
        $result = & $recycle $request
        $result.status | Should -Be 'failed'
        $result.appPool | Should -BeNullOrEmpty
        $result.error | Should -Be 'WinRM cannot complete the operation.'
    }

    It 'still recycles and prints its one line on a console that refuses a new output encoding' {
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.Text.UTF8Encoding' } { throw [System.IO.IOException]::new('The handle is invalid.') }
        (& $recycle $request).appPool | Should -Be 'MSExchangeOWAAppPool'
        Test-Path -LiteralPath $calls | Should -BeTrue
    }
}
