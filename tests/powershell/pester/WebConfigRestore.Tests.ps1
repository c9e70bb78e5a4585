# Restore-ExreadyWebConfig.ps1 as the rollback service calls it: the backup the admin picked comes back byte-exact, the
# current file is kept as the pre-rollback copy, and a changed file, an unknown backup or a bad request changes nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/WebConfig.ps1')
    $script = Get-ExreadyWebConfigScriptPath -Name 'Restore-ExreadyWebConfig.ps1'
    $bom = [byte[]](0xEF, 0xBB, 0xBF)
    $current = $bom + [Text.Encoding]::UTF8.GetBytes("<configuration><appSettings><add key=`"MONOSIGN_API_URL`" value=`"https://mfa.contoso.com/`" /></appSettings></configuration>`r`n")
    $older = $bom + [Text.Encoding]::UTF8.GetBytes("<configuration><!-- älter --></configuration>`r`n")
    $newer = [Text.Encoding]::UTF8.GetBytes("<configuration><appSettings /></configuration>`n")
    $restore = { param($Request) Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 (ConvertTo-ExreadyWebConfigArgument -Parameters $Request) }
}

Describe 'Restore-ExreadyWebConfig.ps1' {
    BeforeEach {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $folder
        $path = Join-Path $folder 'web.config'
        [System.IO.File]::WriteAllBytes($path, $current)
        # Two apply backups beside the file: the admin picks the older one.
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'web.config.exready-20261120-090000.bak'), $older)
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'web.config.exready-20261122-100000.bak'), $newer)
        $request = @{
            server          = 'exch01.contoso.com'
            path            = $path
            expectedSha256  = Get-ExreadySha256 $current
            backupName      = 'web.config.exready-20261120-090000.bak'
            preRollbackName = 'web.config.exready-20261123-110000.pre-rollback.bak'
        }
        Mock Invoke-Command { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
    }

    It 'restores the backup that was picked, byte-exact, and keeps the current file as the pre-rollback backup' {
        $result = & $restore $request
        Assert-ExreadyResultShape $result 'before', 'after', 'backup', 'backupSha256'
        $result.status | Should -Be 'written'
        $result.before | Should -Be (Get-ExreadySha256 $current)
        $result.after | Should -Be (Get-ExreadySha256 $older)
        $result.backupSha256 | Should -Be $result.after
        $result.backup | Should -Be (Join-Path $folder $request.preRollbackName)
        [System.IO.File]::ReadAllBytes($path) | Should -Be $older
        [System.IO.File]::ReadAllBytes((Join-Path $folder $request.preRollbackName)) | Should -Be $current
        # The picked backup stays, and the other backup is untouched.
        [System.IO.File]::ReadAllBytes((Join-Path $folder $request.backupName)) | Should -Be $older
        [System.IO.File]::ReadAllBytes((Join-Path $folder 'web.config.exready-20261122-100000.bak')) | Should -Be $newer
        @(Get-ChildItem -LiteralPath $folder -Filter '*.tmp').Count | Should -Be 0
        Should -Invoke Invoke-Command -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'exch01.contoso.com' -and $UseSSL -and $Port -eq 5986 }
    }

    It 'restores a pre-rollback backup too (undoing a rollback)' {
        [System.IO.File]::WriteAllBytes((Join-Path $folder 'web.config.exready-20261121-080000.pre-rollback.bak'), $newer)
        $request.backupName = 'web.config.exready-20261121-080000.pre-rollback.bak'
        (& $restore $request).status | Should -Be 'written'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $newer
    }

    It 'refuses a file that changed since it was read: nothing restored, no pre-rollback copy' {
        $request.expectedSha256 = Get-ExreadySha256 $older
        $result = & $restore $request
        $result.status | Should -Be 'refused'
        $result.before | Should -Be (Get-ExreadySha256 $current)
        $result.error | Should -BeLike 'web.config changed since ExReady read it*'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $current
        Test-Path -LiteralPath (Join-Path $folder $request.preRollbackName) | Should -BeFalse
    }

    It 'refuses a backup that does not exist' {
        $request.backupName = 'web.config.exready-20250101-000000.bak'
        $result = & $restore $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'The backup web.config.exready-20250101-000000.bak does not exist.'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $current
    }

    It 'refuses a backup name that is a path or not ours: <BackupName>' -ForEach @(
        @{ BackupName = '..\web.config.exready-20261120-090000.bak' }, @{ BackupName = 'web.config.old' }
    ) {
        $request.backupName = $BackupName
        $result = & $restore $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'The backup is not an ExReady backup.'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $current
    }

    It 'refuses a pre-rollback name that is not ours' {
        $request.preRollbackName = 'web.config.exready-20261123-110000.bak'
        $result = & $restore $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'The pre-rollback name is not an ExReady name.'
    }

    It 'answers bad base64 with one refused result line naming ParametersBase64' {
        $result = Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 '%%%'
        Assert-ExreadyResultShape $result 'before', 'after', 'backup', 'backupSha256'
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^ParametersBase64: not base64'
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'answers JSON that is not an object with one refused result line' {
        $result = Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('"exch01"')))
        $result.status | Should -Be 'refused'
        $result.error | Should -Be 'ParametersBase64: the JSON is not an object'
    }

    It 'refuses a request without a server and restores nothing on this machine' {
        $request.Remove('server')
        $result = & $restore $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match '^server: missing'
        Should -Invoke Invoke-Command -Times 0 -Exactly
        [System.IO.File]::ReadAllBytes($path) | Should -Be $current
        Test-Path -LiteralPath (Join-Path $folder $request.preRollbackName) | Should -BeFalse
    }

    It 'refuses a request without <Field>, naming it' -ForEach @(@{ Field = 'path' }, @{ Field = 'backupName' }, @{ Field = 'preRollbackName' }) {
        $request.Remove($Field)
        $result = & $restore $request
        $result.status | Should -Be 'refused'
        $result.error | Should -Match "^${Field}: missing"
        Should -Invoke Invoke-Command -Times 0 -Exactly
    }

    It 'reports a connection that fails as failed, with its error' {
        Mock Invoke-Command { throw [System.Management.Automation.Remoting.PSRemotingTransportException]::new('Access is denied.') }
        $result = & $restore $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Be 'Access is denied.'
        $result.backupSha256 | Should -BeNullOrEmpty
    }

    It 'still restores and prints its one line on a console that refuses a new output encoding' {
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.Text.UTF8Encoding' } { throw [System.IO.IOException]::new('The handle is invalid.') }
        (& $restore $request).status | Should -Be 'written'
        [System.IO.File]::ReadAllBytes($path) | Should -Be $older
    }
}
