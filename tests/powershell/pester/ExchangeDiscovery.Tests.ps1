# Find-ExreadyExchangeServers.ps1 against a stand-in configuration partition: what it prints is what exchange-discovery.ts reads.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/ActiveDirectory.ps1')
    $script = Join-Path $PSScriptRoot '../../../resources/powershell/discover/Find-ExreadyExchangeServers.ps1'
    $configuration = 'CN=Configuration,DC=contoso,DC=com'
    $servers = "CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,$configuration"
    # The script sets the console's output encoding; this process runs every Pester file.
    $outputEncoding = [Console]::OutputEncoding
    Install-ExreadyAdStandIn

    function Add-ExreadyTestForest {
        Add-ExreadyAdObject -DistinguishedName 'RootDSE' -Attributes @{ configurationNamingContext = $configuration; defaultNamingContext = 'DC=contoso,DC=com' }
        Add-ExreadyAdObject -DistinguishedName $configuration -Attributes @{ objectClass = @('top', 'configuration') }
        Add-ExreadyAdObject -DistinguishedName 'DC=contoso,DC=com' -Attributes @{ objectClass = @('top', 'domain', 'domainDNS') }
    }

    # An msExchExchangeServer object with the attributes Exchange setup writes.
    function Add-ExreadyTestExchangeServer {
        param([string]$Name, [string[]]$NetworkAddress = @(), [string]$SerialNumber, [string]$Version, [int]$Roles = -1)
        $attributes = @{ objectClass = @('top', 'server', 'msExchExchangeServer'); name = $Name }
        if ($NetworkAddress.Count -gt 0) { $attributes.networkAddress = $NetworkAddress }
        if ($SerialNumber) { $attributes.serialNumber = $SerialNumber }
        if ($Version) { $attributes.msExchVersion = [long]$Version }
        if ($Roles -ge 0) { $attributes.msExchCurrentServerRoles = $Roles }
        Add-ExreadyAdObject -DistinguishedName "CN=$Name,$servers" -Attributes $attributes
    }
}

AfterAll {
    [Console]::OutputEncoding = $outputEncoding
    Uninstall-ExreadyAdStandIn
}

Describe 'Find-ExreadyExchangeServers.ps1' {
    BeforeEach {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
        Add-ExreadyTestForest
    }

    It 'lists each server with the FQDN of its ncacn_ip_tcp address, its version and role bits, searching the configuration partition' {
        Add-ExreadyTestExchangeServer -Name 'EXCH01' -NetworkAddress 'ncacn_vns_spp:EXCH01', 'netbios:EXCH01', 'ncacn_np:EXCH01', 'ncacn_spx:EXCH01', 'ncacn_ip_tcp:exch01.contoso.com', 'ncalrpc:EXCH01' `
            -SerialNumber 'Version 15.2 (Build 1544.4)' -Roles 16439
        $text = & $script
        $text | Should -Be '[{"name":"EXCH01","fqdn":"exch01.contoso.com","version":"Version 15.2 (Build 1544.4)","roles":16439}]'
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Searches | Should -Be @("$configuration|(objectCategory=msExchExchangeServer)")
    }

    It 'falls back to dNSHostName and msExchVersion, and prints null where AD has neither' {
        Add-ExreadyTestExchangeServer -Name 'EXCH02' -Version '1937801568'
        Add-ExreadyAdObject -DistinguishedName "CN=EXCH03,$servers" -Attributes @{
            objectClass = @('top', 'server', 'msExchExchangeServer'); name = 'EXCH03'; dNSHostName = 'exch03.contoso.com'
        }
        $found = & $script | ConvertFrom-Json
        ($found[0] | ConvertTo-Json -Compress) | Should -Be '{"name":"EXCH02","fqdn":null,"version":"1937801568","roles":null}'
        $found[1].fqdn | Should -Be 'exch03.contoso.com'
    }

    It 'prints [] for an organisation without Exchange servers, and ignores other objects of the partition' {
        Add-ExreadyAdObject -DistinguishedName "CN=Contoso,CN=Microsoft Exchange,CN=Services,$configuration" -Attributes @{ objectClass = @('top', 'msExchOrganizationContainer'); name = 'Contoso' }
        & $script | Should -Be '[]'
    }

    It 'stops with the directory''s error, and prints no list, when Active Directory cannot be read' {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
        Add-ExreadyAdObject -DistinguishedName 'RootDSE' -BindError 'The specified domain either does not exist or could not be contacted.' -BindHResult -2147023541
        $output = $null
        { $script:output = & $script } | Should -Throw '*The specified domain either does not exist or could not be contacted.*'
        $output | Should -BeNullOrEmpty
    }
}
