# Get-ExreadyHostInfo.ps1 as the PowerShell probe runs it: one JSON line with the four fields powershell-probe-service.ts
# reads, on PowerShell 7 and on a Windows PowerShell 5.1 shape ($PSVersionTable without PSEdition and OS).
BeforeAll {
    $script = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../../../resources/powershell/environment/Get-ExreadyHostInfo.ps1')).Path
    function Read-ExreadyHostInfo {
        param([object[]]$Output)
        $lines = @($Output | ForEach-Object { [string]$_ })
        if ($lines.Count -ne 1) { throw "expected one line, got $($lines.Count): $($lines -join ' | ')" }
        $info = $lines[0] | ConvertFrom-Json
        ($info.PSObject.Properties.Name -join ',') | Should -Be 'version,edition,os,hasActiveDirectoryModule'
        $info
    }
    # A module as Get-Module -ListAvailable lists it (PSModuleInfo), for the RSAT ActiveDirectory module.
    $adModule = [pscustomobject]@{ Name = 'ActiveDirectory'; Version = [version]'1.0.1.0'; ModuleType = 'Manifest'; Path = 'C:\Windows\system32\WindowsPowerShell\v1.0\Modules\ActiveDirectory\ActiveDirectory.psd1' }
    $adModule.PSObject.TypeNames.Insert(0, 'System.Management.Automation.PSModuleInfo')
}

Describe 'Get-ExreadyHostInfo.ps1' {
    It 'reports this PowerShell: version, edition and OS from $PSVersionTable, no ActiveDirectory module' {
        Mock Get-Module -ParameterFilter { $ListAvailable -and $Name -contains 'ActiveDirectory' } { }
        $info = Read-ExreadyHostInfo @(& $script)
        $info.version | Should -Be $PSVersionTable.PSVersion.ToString()
        $info.edition | Should -Be 'Core'
        $info.os | Should -Be $PSVersionTable.OS
        $info.hasActiveDirectoryModule | Should -BeOfType [bool]
        $info.hasActiveDirectoryModule | Should -BeFalse
        Should -Invoke Get-Module -Times 1 -Exactly -ParameterFilter { $ListAvailable -and $Name -contains 'ActiveDirectory' }
    }

    It 'says the ActiveDirectory module is there when Get-Module lists it in <Count> version(s)' -ForEach @(@{ Count = 1 }, @{ Count = 2 }) {
        $modules = @(1..$Count | ForEach-Object { $adModule })
        Mock Get-Module -ParameterFilter { $ListAvailable -and $Name -contains 'ActiveDirectory' } { $modules }
        (Read-ExreadyHostInfo @(& $script)).hasActiveDirectoryModule | Should -BeTrue
    }

    It 'reports Desktop and the .NET OS version on Windows PowerShell 5.1, whose $PSVersionTable has no PSEdition or OS' {
        # A runspace of its own: its $PSVersionTable can lose the 7-only keys without touching this one.
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddScript({
                    param($Script)
                    $PSVersionTable.Remove('PSEdition')
                    $PSVersionTable.Remove('OS')
                    & $Script
                }).AddArgument($script)
            $output = @($shell.Invoke())
            $shell.Streams.Error | Should -BeNullOrEmpty
        } finally { $shell.Dispose() }
        $info = Read-ExreadyHostInfo $output
        $info.edition | Should -Be 'Desktop'
        $info.os | Should -Be ([Environment]::OSVersion.VersionString)
    }
}
