# Write-ExreadyWebConfig.ps1 as the MFA service calls it: the planned bytes land byte-exact on the server through a stand-in
# Invoke-Command that serialises like remoting, the original is kept as the named backup, and every refusal is one result line.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/WebConfig.ps1')
    $script = Get-ExreadyWebConfigScriptPath -Name 'Write-ExreadyWebConfig.ps1'
    $utf8Bom = [byte[]](0xEF, 0xBB, 0xBF)
    # An Exchange web.config: UTF-8 with BOM, CRLF line ends, a non-ASCII comment.
    $original = $utf8Bom + [Text.Encoding]::UTF8.GetBytes("<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<configuration><!-- Größe --><appSettings /></configuration>`r`n")
    $planned = $utf8Bom + [Text.Encoding]::UTF8.GetBytes("<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<configuration><!-- Größe --><appSettings><add key=`"MONOSIGN_API_URL`" value=`"https://mfa.contoso.com/`" /></appSettings></configuration>`r`n")
    $write = { param($Request) Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 (ConvertTo-ExreadyWebConfigArgument -Parameters $Request) }
}

Describe 'Write-ExreadyWebConfig.ps1' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $path = Join-Path $folder 'web.config'
        [System.IO.File]::WriteAllBytes($path, $original)
        $request = @{
            server         = 'exch01.contoso.com'
            path           = $path
            expectedSha256 = Get-ExreadySha256 $original
            contentBase64  = [Convert]::ToBase64String($planned)
            backupName     = 'web.config.exready-20261122-100000.bak'
        }
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
    }

    It 'writes the planned bytes exactly (BOM, CRLF, UTF-8) and keeps the original byte-exact as the named backup' {
        $result = & $write $request
        Assert-ExreadyResultShape $result 'before', 'after', 'backup'
        $result.status | Should -Be 'written'
        $result.error | Should -BeNullOrEmpty
        $result.before | Should -Be (Get-ExreadySha256 $original)
        $result.after | Should -Be (Get-ExreadySha256 $planned)
        $result.backup | Should -Be (Join-Path $folder $request.backupName)
        [System.IO.File]::ReadAllBytes($path) | Should -Be $planned
        [System.IO.File]::ReadAllBytes((Join-Path $folder $request.backupName)) | Should -Be $original
        @(Get-ChildItem -LiteralPath $folder -Filter '*.tmp').Count | Should -Be 0
    }

    It 'reads the planned bytes from contentPath, as the MFA service sends them (never in the command text)' {
        $contentFile = Join-Path $TestDrive ([guid]::NewGuid().ToString('N') + '.planned')
        [System.IO.File]::WriteAllBytes($contentFile, $planned)
        $request.Remove('contentBase64')
        $request.contentPath = $contentFile
        (& $write $request).status | Should -Be 'written'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $planned
    }

    It 'refuses a contentPath that is not a file on the jump host, naming the field, and writes nothing' {
        $request.Remove('contentBase64')
        $request.contentPath = Join-Path $TestDrive 'no-such.planned'
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -BeLike 'contentPath:*'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $original
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'keeps a UTF-16 file UTF-16: the bytes are written as sent, never re-encoded' {
        $utf16 = [byte[]](0xFF, 0xFE) + [Text.Encoding]::Unicode.GetBytes("<configuration><!-- Größe --></configuration>`r`n")
        $request.contentBase64 = [Convert]::ToBase64String($utf16)
        (& $write $request).status | Should -Be 'written'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $utf16
    }

    It 'connects to the server over WinRM HTTPS on 5986 and sends the values only as arguments' {
        $null = & $write $request
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter {
            $ComputerName -eq 'exch01.contoso.com' -and $UseSSL -and $Port -eq 5986 -and $ArgumentList[0] -eq $path -and $ArgumentList[3] -eq 'web.config.exready-20261122-100000.bak'
        }
    }

    It 'accepts the expected hash in lower case, as a hash typed by hand' {
        $request.expectedSha256 = $request.expectedSha256.ToLowerInvariant()
        (& $write $request).status | Should -Be 'written'
    }

    It 'refuses a file that changed since it was read: nothing written, no backup' {
        $request.expectedSha256 = Get-ExreadySha256 $planned
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.before | Should -Be (Get-ExreadySha256 $original)
        $result.after | Should -BeNullOrEmpty
        $result.error | Should -BeLike 'web.config changed since ExReady read it*'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $original
        Test-Path -LiteralPath (Join-Path $folder $request.backupName) | Should -BeFalse
    }

    It 'refuses a backup name that already exists and leaves that backup alone' {
        $existing = [Text.Encoding]::UTF8.GetBytes('an older backup')
        [System.IO.File]::WriteAllBytes((Join-Path $folder $request.backupName), $existing)
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -BeLike '*already exists*'
        [System.IO.File]::ReadAllBytes((Join-Path $folder $request.backupName)) | Should -Be $existing
        [System.IO.File]::ReadAllBytes($path) | Should -Be $original
    }

    It 'refuses a backup name that is a path or not ours: <BackupName>' -ForEach @(
        @{ BackupName = '..\web.config.exready-20261122-100000.bak' }, @{ BackupName = 'web.config.bak' }, @{ BackupName = 'web.config.exready-20261122-100000.pre-rollback.bak' }
    ) {
        $request.backupName = $BackupName
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'The backup name is not an ExReady backup name.'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $original
    }

    It 'refuses a file that is not named web.config' {
        $other = Join-Path $folder 'applicationHost.config'
        [System.IO.File]::WriteAllBytes($other, $original)
        $request.path = $other
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'Only a file named web.config is written.'
        [System.IO.File]::ReadAllBytes($other) | Should -Be $original
    }

    It 'answers bad base64 with one refused result line naming ParametersBase64' {
        $result = Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 'not base64 at all!'
        Assert-ExreadyResultShape $result 'before', 'after', 'backup'
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^ParametersBase64: not base64'
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'answers <Text> (not JSON, or not an object) with one refused result line' -ForEach @(
        @{ Text = '{"server": "exch01' }, @{ Text = '["exch01.contoso.com"]' }
    ) {
        $result = Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)))
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^ParametersBase64: '
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'refuses a request without a server and writes nothing on this machine' {
        $request.server = $null
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^server: missing'
        Should -Invoke Invoke-Command -Times 0 -Exactly
        [System.IO.File]::ReadAllBytes($path) | Should -Be $original
        Test-Path -LiteralPath (Join-Path $folder $request.backupName) | Should -BeFalse
    }

    It 'refuses a server that is not a host name, naming it' {
        $request.server = 'exch01; Remove-Item C:\'
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^server: '.*' is not"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'refuses planned content that is not base64, naming contentBase64, before connecting' {
        $request.contentBase64 = 'not base64!'
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^contentBase64: not base64'
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'refuses an expected hash that is not a SHA-256, naming expectedSha256' {
        $request.expectedSha256 = 'abc'
        $result = & $write $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^expectedSha256: '
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'reports a connection that fails as failed, with its error' {
        Mock Invoke-Command { throw [System.Management.Automation.Remoting.PSRemotingTransportException]::new('Connecting to remote server exch01.contoso.com failed with the following error message : WinRM cannot complete the operation.') }
        $result = & $write $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Match 'WinRM cannot complete the operation'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $original
    }

    It 'still writes and prints its one line on a console that refuses a new output encoding' {
        # Windows throws "The handle is invalid." when the encoding is set without a console (a redirected service).
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.Text.UTF8Encoding' } { throw [System.IO.IOException]::new('The handle is invalid.') }
        $result = & $write $request
        $result.status | Should -Be 'written'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $planned
    }
}
