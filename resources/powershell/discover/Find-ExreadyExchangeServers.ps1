# Lists the Exchange servers registered in Active Directory (msExchExchangeServer objects of the configuration partition).
# Collects only; prints one JSON array of { name, fqdn, version, roles }. Takes no parameters; needs no ActiveDirectory module.
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)

$rootDse = [adsi]'LDAP://RootDSE'
$configuration = [string]$rootDse.Properties['configurationNamingContext'].Value
$searcher = [adsisearcher]'(objectCategory=msExchExchangeServer)'
$searcher.SearchRoot = [adsi]"LDAP://$configuration"
$searcher.PageSize = 500
foreach ($attribute in @('name', 'networkAddress', 'dNSHostName', 'serialNumber', 'msExchVersion', 'msExchCurrentServerRoles')) {
    [void]$searcher.PropertiesToLoad.Add($attribute)
}

$servers = foreach ($result in $searcher.FindAll()) {
    $properties = $result.Properties
    # networkAddress holds "ncacn_ip_tcp:exch01.contoso.com" beside NetBIOS and other transports.
    $fqdn = $null
    foreach ($address in @($properties['networkaddress'])) {
        if ([string]$address -match '^ncacn_ip_tcp:(.+)$') { $fqdn = $Matches[1] }
    }
    if (-not $fqdn -and $properties['dnshostname'].Count -gt 0) { $fqdn = [string]$properties['dnshostname'][0] }
    $version = $null
    if ($properties['serialnumber'].Count -gt 0) { $version = [string]$properties['serialnumber'][0] }
    elseif ($properties['msexchversion'].Count -gt 0) { $version = [string]$properties['msexchversion'][0] }
    $roles = $null
    if ($properties['msexchcurrentserverroles'].Count -gt 0) { $roles = [int]$properties['msexchcurrentserverroles'][0] }
    [pscustomobject]@{
        name    = [string]$properties['name'][0]
        fqdn    = $fqdn
        version = $version
        # msExchCurrentServerRoles bit mask (e.g. 2 Mailbox, 4 ClientAccess in 2010/2013 terms); named in TypeScript.
        roles   = $roles
    }
}

ConvertTo-Json -InputObject @($servers) -Compress -Depth 5
