# Deploy-ExreadyModuleFiles.ps1 as the module deploy service calls it: the DLLs from the admin's folder or zip reach the app's
# bin folder byte-exact through stand-in PSSession, Copy-Item -ToSession and Invoke-Command (serialised like remoting);
# replaced DLLs are kept, a transfer that changes a file fails, and a bad request or a DLL not signed by the vendor copies
# nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Mfa.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Fixes.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/WebConfig.ps1')
    $script = Get-ExreadyWebConfigScriptPath -Name 'Deploy-ExreadyModuleFiles.ps1'
    $deploy = { param($Request) Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 (ConvertTo-ExreadyWebConfigArgument -Parameters $Request) }
    # A DLL's bytes: a PE header and content of its own, so a swapped or truncated file shows in the hash.
    function New-ExreadyDllBytes([string]$Seed) { [byte[]](0x4D, 0x5A, 0x90, 0x00) + [Text.Encoding]::UTF8.GetBytes("$Seed " * 64) }
    # The files the deploy sees on the server's disk: with New-PSSession stood in, the "server" is this machine's TestDrive.
    function Get-ExreadyFileNames([string]$Folder) { @(Get-ChildItem -LiteralPath $Folder -File | ForEach-Object Name | Sort-Object) }
    # -ToSession is a dynamic parameter of the FileSystem provider, typed PSSession, which Pester's Mock cannot loosen: a
    # function stands in for Copy-Item, sending -ToSession copies to $transfer (the "server" is this disk) and the rest on.
    function Copy-Item {
        [CmdletBinding()]
        param([string]$LiteralPath, [string]$Destination, $ToSession, [switch]$Force)
        if ($null -eq $ToSession) { return Microsoft.PowerShell.Management\Copy-Item -LiteralPath $LiteralPath -Destination $Destination -Force:$Force }
        $transfers.Add([pscustomobject]@{ Path = $LiteralPath; Destination = $Destination; Session = $ToSession })
        & $transfer $LiteralPath $Destination
    }
}

Describe 'Deploy-ExreadyModuleFiles.ps1' {
    BeforeEach {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $source = Join-Path $root 'module'
        $app = Join-Path $root 'owa'
        $null = New-Item -ItemType Directory -Path (Join-Path $source 'net48') -Force
        $null = New-Item -ItemType Directory -Path $app -Force
        $moduleDll = New-ExreadyDllBytes 'MonoSign.Exchange.Mfa 2.4.0'
        $helperDll = New-ExreadyDllBytes 'MonoSign.Exchange.Mfa.Http 2.4.0'
        [System.IO.File]::WriteAllBytes((Join-Path $source 'MonoSign.Exchange.Mfa.dll'), $moduleDll)
        [System.IO.File]::WriteAllBytes((Join-Path $source 'net48/MonoSign.Exchange.Mfa.Http.dll'), $helperDll)
        [System.IO.File]::WriteAllText((Join-Path $source 'README.txt'), 'not a DLL')
        $bin = Join-Path $app 'bin'
        $vendor = 'CN=Monofor Bilisim A.S., O=Monofor Bilisim A.S., L=Istanbul, C=TR'
        $request = @{ server = 'exch01.contoso.com'; sourcePath = $source; binPath = $bin; backupSuffix = 'exready-20261122-100000.bak'; expectedSigner = $vendor }
        # Every DLL signed by the vendor unless a test says otherwise (one certificate: making one takes an RSA key).
        $vendorSigned = New-ExreadySignatureStandIn -Status Valid -SignerSubject $vendor
        Mock Get-AuthenticodeSignature { $vendorSigned }
        # A PSSession as New-PSSession returns it: the script only passes it on.
        Mock New-PSSession {
            $session = [pscustomobject]@{ Id = 1; Name = 'Runspace1'; ComputerName = $ComputerName; State = 'Opened'; Transport = 'WSMan' }
            $session.PSObject.TypeNames.Insert(0, 'System.Management.Automation.Runspaces.PSSession')
            $session
        }
        Mock Remove-PSSession -RemoveParameterType Session { }
        Mock Invoke-Command -RemoveParameterType Session { Invoke-ExreadyRemoteBlock -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList }
        $transfers = [System.Collections.Generic.List[object]]::new()
        $transfer = { param($From, $To) [System.IO.File]::Copy($From, (Join-Path $To (Split-Path -Leaf $From)), $true) }
    }

    It 'creates bin, copies every DLL (also from subfolders) byte-exact and reports each hash' {
        $result = & $deploy $request
        Assert-ExreadyResultShape $result 'binPath', 'createdBin', 'files'
        $result.status | Should -Be 'deployed'
        $result.error | Should -BeNullOrEmpty
        $result.binPath | Should -Be $bin
        $result.createdBin | Should -BeTrue
        Get-ExreadyFileNames $bin | Should -Be @('MonoSign.Exchange.Mfa.dll', 'MonoSign.Exchange.Mfa.Http.dll')
        [System.IO.File]::ReadAllBytes((Join-Path $bin 'MonoSign.Exchange.Mfa.dll')) | Should -Be $moduleDll
        [System.IO.File]::ReadAllBytes((Join-Path $bin 'MonoSign.Exchange.Mfa.Http.dll')) | Should -Be $helperDll
        $files = @($result.files | Sort-Object name)
        $files.Count | Should -Be 2
        $files[0].sha256 | Should -Be (Get-ExreadySha256 $moduleDll)
        $files[1].sha256 | Should -Be (Get-ExreadySha256 $helperDll)
        $files[0].backup | Should -BeNullOrEmpty
        $files[0].PSObject.Properties.Name | Should -Be @('name', 'sha256', 'fileVersion', 'backup')
    }

    It 'opens one session to the server over WinRM HTTPS on 5986 and closes it' {
        $null = & $deploy $request
        Should -Invoke New-PSSession -Times 1 -Exactly -ParameterFilter { $ComputerName -eq 'exch01.contoso.com' -and $UseSSL -and $Port -eq 5986 }
        $transfers.Count | Should -Be 2
        @($transfers | Where-Object { $_.Session.ComputerName -ne 'exch01.contoso.com' }).Count | Should -Be 0
        Should -Invoke Remove-PSSession -Times 1 -Exactly
    }

    It 'keeps a DLL it replaces under the backup suffix, byte-exact, and reports it' {
        $null = New-Item -ItemType Directory -Path $bin
        $old = New-ExreadyDllBytes 'MonoSign.Exchange.Mfa 2.3.1'
        [System.IO.File]::WriteAllBytes((Join-Path $bin 'MonoSign.Exchange.Mfa.dll'), $old)
        $result = & $deploy $request
        $result.status | Should -Be 'deployed'
        $result.createdBin | Should -BeFalse
        $backup = Join-Path $bin 'MonoSign.Exchange.Mfa.dll.exready-20261122-100000.bak'
        [System.IO.File]::ReadAllBytes($backup) | Should -Be $old
        [System.IO.File]::ReadAllBytes((Join-Path $bin 'MonoSign.Exchange.Mfa.dll')) | Should -Be $moduleDll
        ($result.files | Where-Object name -EQ 'MonoSign.Exchange.Mfa.dll').backup | Should -Be $backup
        ($result.files | Where-Object name -EQ 'MonoSign.Exchange.Mfa.Http.dll').backup | Should -BeNullOrEmpty
    }

    It 'deploys from a .zip the admin picked and leaves no staging folder behind' {
        $zip = Join-Path $root 'module.zip'
        Compress-Archive -Path (Join-Path $source '*') -DestinationPath $zip
        $request.sourcePath = $zip
        $before = @(Get-ChildItem -LiteralPath ([System.IO.Path]::GetTempPath()) -Directory -Filter 'exready-module-*').Count
        $result = & $deploy $request
        $result.status | Should -Be 'deployed'
        [System.IO.File]::ReadAllBytes((Join-Path $bin 'MonoSign.Exchange.Mfa.Http.dll')) | Should -Be $helperDll
        @(Get-ChildItem -LiteralPath ([System.IO.Path]::GetTempPath()) -Directory -Filter 'exready-module-*').Count | Should -Be $before
    }

    It 'fails, naming the file, when a DLL arrives with other bytes than were sent' {
        # A transfer cut short for one file.
        $transfer = {
            param($From, $To)
            $bytes = [System.IO.File]::ReadAllBytes($From)
            if ($From -like '*Http.dll') { $bytes = $bytes[0..9] }
            [System.IO.File]::WriteAllBytes((Join-Path $To (Split-Path -Leaf $From)), [byte[]]$bytes)
        }
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Be 'The hash after copying did not match for MonoSign.Exchange.Mfa.Http.dll'
    }

    It 'fails when the folder holds no DLL, and opens no session' {
        $empty = Join-Path $root 'empty'
        $null = New-Item -ItemType Directory -Path $empty
        $request.sourcePath = $empty
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Be "No .dll file was found in $empty."
        $result.files.Count | Should -Be 0
        Should -Invoke New-PSSession -Times 0 -Exactly
    }

    It 'answers bad base64 with one failed result line naming ParametersBase64' {
        $result = Invoke-ExreadyConsoleScript -Path $script -ParametersBase64 'not base64 at all!'
        Assert-ExreadyResultShape $result 'binPath', 'createdBin', 'files'
        $result.status | Should -Be 'failed'
        $result.binPath | Should -Be ''
        $result.error | Should -Match '^ParametersBase64: not base64'
        Should -Invoke New-PSSession -Times 0 -Exactly
    }

    It 'refuses a request without a server: nothing is copied on this machine' {
        $request.server = ''
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Match '^server: missing'
        Test-Path -LiteralPath $bin | Should -BeFalse
        Should -Invoke New-PSSession -Times 0 -Exactly
        $transfers.Count | Should -Be 0
    }

    It 'refuses a backup suffix that is not ours, naming backupSuffix' {
        $request.backupSuffix = '..\evil.bak'
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Match '^backupSuffix: '
        Should -Invoke New-PSSession -Times 0 -Exactly
    }

    It 'reports a session that cannot be opened as failed, with its error' {
        Mock New-PSSession { throw [System.Management.Automation.Remoting.PSRemotingTransportException]::new('WinRM cannot complete the operation.') }
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Be 'WinRM cannot complete the operation.'
        Should -Invoke Remove-PSSession -Times 0 -Exactly
    }

    It 'still deploys and prints its one line on a console that refuses a new output encoding' {
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.Text.UTF8Encoding' } { throw [System.IO.IOException]::new('The handle is invalid.') }
        (& $deploy $request).status | Should -Be 'deployed'
    }

    It 'checks every DLL on this machine before copying, and deploys when each is validly signed by the vendor' {
        $result = & $deploy $request
        $result.status | Should -Be 'deployed'
        $result.signature | Should -Be "verified: every DLL is signed by '$vendor'"
        Should -Invoke Get-AuthenticodeSignature -Times 1 -Exactly -ParameterFilter { $LiteralPath -eq (Join-Path $source 'MonoSign.Exchange.Mfa.dll') }
        Should -Invoke Get-AuthenticodeSignature -Times 1 -Exactly -ParameterFilter { $LiteralPath -like '*net48*MonoSign.Exchange.Mfa.Http.dll' }
        Get-ExreadyFileNames $bin | Should -Be @('MonoSign.Exchange.Mfa.dll', 'MonoSign.Exchange.Mfa.Http.dll')
    }

    It 'refuses an unsigned DLL before anything is copied, naming the file' {
        Mock Get-AuthenticodeSignature -ParameterFilter { $LiteralPath -like '*Http.dll' } { New-ExreadySignatureStandIn -Status NotSigned }
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Be 'Refused before any copy, the module files are not signed by the vendor: MonoSign.Exchange.Mfa.Http.dll: not signed'
        $result.files.Count | Should -Be 0
        Should -Invoke New-PSSession -Times 0 -Exactly
        $transfers.Count | Should -Be 0
        Test-Path -LiteralPath $bin | Should -BeFalse
    }

    It 'refuses a DLL whose signature does not match its bytes (HashMismatch), and copies nothing' {
        Mock Get-AuthenticodeSignature -ParameterFilter { $LiteralPath -like '*Mfa.dll' } { New-ExreadySignatureStandIn -Status HashMismatch -SignerSubject $vendor }
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Be 'Refused before any copy, the module files are not signed by the vendor: MonoSign.Exchange.Mfa.dll: the signature is not valid (HashMismatch)'
        Should -Invoke New-PSSession -Times 0 -Exactly
        $transfers.Count | Should -Be 0
    }

    It 'refuses DLLs validly signed by someone other than the vendor, naming each file and its signer' {
        $other = New-ExreadySignatureStandIn -Status Valid -SignerSubject 'CN=Contoso Tools, O=Contoso, C=US'
        Mock Get-AuthenticodeSignature { $other }
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -Match '^Refused before any copy'
        $result.error | Should -BeLike "*MonoSign.Exchange.Mfa.dll: signed by 'CN=Contoso Tools, O=Contoso, C=US', not by the vendor ('$vendor')*"
        $result.error | Should -BeLike "*MonoSign.Exchange.Mfa.Http.dll: signed by 'CN=Contoso Tools, O=Contoso, C=US'*"
        Should -Invoke New-PSSession -Times 0 -Exactly
        $transfers.Count | Should -Be 0
    }

    It 'refuses, without copying, where Get-AuthenticodeSignature does not exist and the risk was not accepted' {
        Mock Get-AuthenticodeSignature { throw [System.Management.Automation.CommandNotFoundException]::new("The term 'Get-AuthenticodeSignature' is not recognized") }
        $result = & $deploy $request
        $result.status | Should -Be 'failed'
        $result.error | Should -BeLike 'Refused before any copy: Get-AuthenticodeSignature is not available on this machine, so the signatures of *MonoSign.Exchange.Mfa.dll* cannot be checked*'
        Should -Invoke New-PSSession -Times 0 -Exactly
        $transfers.Count | Should -Be 0
        $request.acceptUnverifiedSignature = $false
        (& $deploy $request).status | Should -Be 'failed'
        $transfers.Count | Should -Be 0
    }

    It 'deploys where Get-AuthenticodeSignature does not exist when the operator accepted that risk, and says so' {
        Mock Get-AuthenticodeSignature { throw [System.Management.Automation.CommandNotFoundException]::new("The term 'Get-AuthenticodeSignature' is not recognized") }
        $request.acceptUnverifiedSignature = $true
        $result = & $deploy $request
        $result.status | Should -Be 'deployed'
        $result.signature | Should -BeLike 'not verified: Get-AuthenticodeSignature is not available on this machine; * deployed because the operator accepted that risk'
        Get-ExreadyFileNames $bin | Should -Be @('MonoSign.Exchange.Mfa.dll', 'MonoSign.Exchange.Mfa.Http.dll')
    }

    It 'refuses a request without the expected signer, or with an acceptance that is not a boolean' {
        $request.Remove('expectedSigner')
        (& $deploy $request).error | Should -Match '^expectedSigner: missing'
        $request.expectedSigner = $vendor
        $request.acceptUnverifiedSignature = 'yes'
        (& $deploy $request).error | Should -Be 'acceptUnverifiedSignature: must be true or false'
        Should -Invoke New-PSSession -Times 0 -Exactly
    }
}
