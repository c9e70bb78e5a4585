# The remoting stand-in is only worth having if it changes objects the way PSRP does.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
}

Describe 'ConvertTo-ExreadyRemoted' {
    It 'turns an AutomationNull property into an empty object, as Invoke-Command does' {
        $remoted = [pscustomobject]@{ value = (& {}) } | ConvertTo-ExreadyRemoted
        $null -eq $remoted.value | Should -BeFalse
        ($remoted.value | ConvertTo-Json -Compress) | Should -Be '{}'
    }
    It 'keeps nested custom objects whole' {
        $remoted = [pscustomobject]@{ a = [pscustomobject]@{ b = [pscustomobject]@{ c = 1 } } } | ConvertTo-ExreadyRemoted
        $remoted.a.b.c | Should -Be 1
    }
    It 'gives live .NET objects a Deserialized type name and no methods' {
        $remoted = [System.IO.DirectoryInfo]::new($TestDrive) | ConvertTo-ExreadyRemoted
        $remoted.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.IO.DirectoryInfo'
        $remoted.PSObject.Methods['Create'] | Should -BeNullOrEmpty
    }
}
