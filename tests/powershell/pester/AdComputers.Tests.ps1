# The Exchange servers' computer objects, read from the jump host, against a stand-in directory.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/ActiveDirectory.ps1')
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Invoke-ExreadyPart.ps1')
    . (Join-Path $collect 'Get-ExreadyAdComputers.ps1')
    Install-ExreadyAdStandIn

    # A computer object as AD holds it: userAccountControl an Int32, the delegation SPNs multi-valued, RBCD a binary security descriptor.
    function Add-ExreadyTestComputer {
        param([string]$Name, [string]$DnsHostName, [int]$UserAccountControl = 0x1000, [string[]]$AllowedToDelegateTo = @(), [switch]$ResourceBased, [string]$Ou = 'OU=Exchange,DC=contoso,DC=com')
        $attributes = @{
            objectClass        = @('top', 'person', 'organizationalPerson', 'user', 'computer')
            sAMAccountName     = "$Name`$"
            userAccountControl = $UserAccountControl
        }
        if ($DnsHostName) { $attributes.dNSHostName = $DnsHostName }
        if ($AllowedToDelegateTo.Count -gt 0) { $attributes['msDS-AllowedToDelegateTo'] = $AllowedToDelegateTo }
        if ($ResourceBased) { $attributes['msDS-AllowedToActOnBehalfOfOtherIdentity'] = [byte[]](1, 0, 4, 128, 20, 0, 0, 0) }
        Add-ExreadyAdObject -DistinguishedName "CN=$Name,$Ou" -Attributes $attributes
    }

    function Get-AdComputerJson {
        param([string[]]$Servers)
        @(Get-ExreadyAdComputers -Servers $Servers) | ConvertTo-Json -Depth 6 | ConvertFrom-Json
    }
}

AfterAll {
    Uninstall-ExreadyAdStandIn
}

Describe 'Get-ExreadyAdComputers' {
    BeforeEach {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
    }

    It 'reads the delegation settings of each server''s computer object' {
        Add-ExreadyTestComputer -Name 'EXCH01' -DnsHostName 'exch01.contoso.com' -UserAccountControl (0x1000 -bor 0x80000)
        Add-ExreadyTestComputer -Name 'EXCH02' -DnsHostName 'exch02.contoso.com' -UserAccountControl (0x1000 -bor 0x1000000) `
            -AllowedToDelegateTo 'http/exch01.contoso.com' -ResourceBased
        $results = @(Get-AdComputerJson -Servers 'exch01.contoso.com', 'exch02.contoso.com')
        $results[0].server | Should -Be 'exch01.contoso.com'
        ($results[0].adComputer | ConvertTo-Json -Compress) | Should -Be (([ordered]@{
                    status = 'collected'
                    value  = [ordered]@{
                        distinguishedName                          = 'CN=EXCH01,OU=Exchange,DC=contoso,DC=com'
                        userAccountControl                         = 528384
                        trustedForDelegation                       = $true
                        trustedToAuthForDelegation                 = $false
                        allowedToDelegateTo                        = @()
                        allowedToActOnBehalfOfOtherIdentityPresent = $false
                    }
                }) | ConvertTo-Json -Compress -Depth 4)
        $results[1].adComputer.value.trustedForDelegation | Should -BeFalse
        $results[1].adComputer.value.trustedToAuthForDelegation | Should -BeTrue
        # One SPN stays a list of one.
        (ConvertTo-Json -InputObject $results[1].adComputer.value.allowedToDelegateTo -Compress) | Should -Be '["http/exch01.contoso.com"]'
        $results[1].adComputer.value.allowedToActOnBehalfOfOtherIdentityPresent | Should -BeTrue
    }

    It 'prefers the object whose dNSHostName is the server over a same-named account elsewhere' {
        Add-ExreadyTestComputer -Name 'EXCH01' -DnsHostName 'exch01.lab.contoso.com' -Ou 'OU=Lab,DC=contoso,DC=com'
        Add-ExreadyTestComputer -Name 'EXCH01' -DnsHostName 'exch01.contoso.com' -UserAccountControl (0x1000 -bor 0x80000)
        $result = Get-AdComputerJson -Servers 'exch01.contoso.com'
        $result.adComputer.value.distinguishedName | Should -Be 'CN=EXCH01,OU=Exchange,DC=contoso,DC=com'
        $result.adComputer.value.trustedForDelegation | Should -BeTrue
    }

    It 'finds the object by its account name when dNSHostName is not set' {
        Add-ExreadyTestComputer -Name 'EXCH03'
        (Get-AdComputerJson -Servers 'exch03.contoso.com').adComputer.value.distinguishedName | Should -Be 'CN=EXCH03,OU=Exchange,DC=contoso,DC=com'
    }

    It 'treats filter characters in a server name as data, never as LDAP filter syntax' {
        Add-ExreadyTestComputer -Name 'EXCH01' -DnsHostName 'exch01.contoso.com'
        $result = Get-AdComputerJson -Servers 'exch*'
        $result.adComputer.status | Should -Be 'not-collected'
        $result.adComputer.error | Should -Be 'No computer object for exch* was found in Active Directory.'
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Searches[0] | Should -BeLike '*dNSHostName=exch\2a*sAMAccountName=exch\2a$*'
    }

    It 'costs one server only when its object is missing' {
        Add-ExreadyTestComputer -Name 'EXCH01' -DnsHostName 'exch01.contoso.com'
        $results = @(Get-AdComputerJson -Servers 'exch09.contoso.com', 'exch01.contoso.com')
        $results[0].adComputer.status | Should -Be 'not-collected'
        $results[1].adComputer.status | Should -Be 'collected'
    }

    It 'reports the directory error for every server when AD cannot be reached' {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::SearchError = 'The server is not operational.'
        $results = @(Get-AdComputerJson -Servers 'exch01.contoso.com', 'exch02.contoso.com')
        @($results | ForEach-Object { $_.adComputer.status }) | Should -Be @('not-collected', 'not-collected')
        $results[0].adComputer.error | Should -BeLike '*The server is not operational.*'
    }
}
