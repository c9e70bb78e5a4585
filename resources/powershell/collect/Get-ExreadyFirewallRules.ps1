# Inbound firewall rules that could affect a TCP port: those naming it (directly or in a range) and the port-less (Any)
# ones, Allow or Block, with the filters that limit them; read from the ActiveStore, the effective merge of local and GPO.
function Get-ExreadyFirewallRules {
    [CmdletBinding()]
    param([int]$Port = 5986)

    # Without -PolicyStore the cmdlets read the PersistentStore only, which holds no Group Policy rule.
    $store = 'ActiveStore'
    # One read of every filter, joined by InstanceID: per-rule filter calls take minutes on an Exchange server.
    $portFilters = @{}
    foreach ($filter in @(Get-NetFirewallPortFilter -All -PolicyStore $store -ErrorAction Stop)) { $portFilters[[string]$filter.InstanceID] = $filter }
    $addressFilters = @{}
    foreach ($filter in @(Get-NetFirewallAddressFilter -All -PolicyStore $store -ErrorAction Stop)) { $addressFilters[[string]$filter.InstanceID] = $filter }
    $applicationFilters = @{}
    foreach ($filter in @(Get-NetFirewallApplicationFilter -All -PolicyStore $store -ErrorAction Stop)) { $applicationFilters[[string]$filter.InstanceID] = $filter }
    $serviceFilters = @{}
    foreach ($filter in @(Get-NetFirewallServiceFilter -All -PolicyStore $store -ErrorAction Stop)) { $serviceFilters[[string]$filter.InstanceID] = $filter }
    $interfaceFilters = @{}
    foreach ($filter in @(Get-NetFirewallInterfaceFilter -All -PolicyStore $store -ErrorAction Stop)) { $interfaceFilters[[string]$filter.InstanceID] = $filter }
    $interfaceTypeFilters = @{}
    foreach ($filter in @(Get-NetFirewallInterfaceTypeFilter -All -PolicyStore $store -ErrorAction Stop)) { $interfaceTypeFilters[[string]$filter.InstanceID] = $filter }

    $rules = @(Get-NetFirewallRule -Direction Inbound -PolicyStore $store -ErrorAction Stop | ForEach-Object {
            $instanceId = [string]$_.InstanceID
            $portFilter = $portFilters[$instanceId]
            if ($null -eq $portFilter) { return }
            $protocol = [string]$portFilter.Protocol
            if ($protocol -ne 'TCP' -and $protocol -ne 'Any' -and $protocol -ne '6') { return }
            $localPorts = @($portFilter.LocalPort | ForEach-Object { [string]$_ })
            $namesPort = $false
            foreach ($entry in $localPorts) {
                if ($entry -eq [string]$Port) { $namesPort = $true }
                elseif ($entry -match '^(\d+)-(\d+)$' -and [int]$Matches[1] -le $Port -and [int]$Matches[2] -ge $Port) { $namesPort = $true }
            }
            # Enabled: 1 True, 2 False (MSFT_NetFirewallRule); a disabled port-less rule cannot affect the port and only adds bulk.
            $anyPort = ($localPorts.Count -eq 0) -or ($localPorts -contains 'Any')
            if (-not $namesPort -and -not ($anyPort -and [int]$_.Enabled -eq 1)) { return }
            $addressFilter = $addressFilters[$instanceId]
            $remoteAddresses = @('Any')
            if ($null -ne $addressFilter) { $remoteAddresses = @($addressFilter.RemoteAddress | ForEach-Object { [string]$_ }) }
            $application = $applicationFilters[$instanceId]
            $service = $serviceFilters[$instanceId]
            $interface = $interfaceFilters[$instanceId]
            $interfaceType = $interfaceTypeFilters[$instanceId]
            $program = 'Any'; $package = $null; $serviceName = 'Any'; $interfaceAliases = @('Any'); $interfaceTypeMask = 0
            if ($null -ne $application) {
                if ($application.Program) { $program = [string]$application.Program }
                if ($application.Package) { $package = [string]$application.Package }
            }
            if ($null -ne $service -and $service.Service) { $serviceName = [string]$service.Service }
            if ($null -ne $interface -and $null -ne $interface.InterfaceAlias) { $interfaceAliases = @($interface.InterfaceAlias | ForEach-Object { [string]$_ }) }
            if ($null -ne $interfaceType -and $null -ne $interfaceType.InterfaceType) { $interfaceTypeMask = [int]$interfaceType.InterfaceType }
            [pscustomobject]@{
                name                  = [string]$_.Name
                displayName           = [string]$_.DisplayName
                enabled               = [int]$_.Enabled
                direction             = [int]$_.Direction
                action                = [int]$_.Action
                protocol              = $protocol
                localPorts            = $localPorts
                remoteAddresses       = $remoteAddresses
                profiles              = [int]$_.Profile
                policyStoreSourceType = [int]$_.PolicyStoreSourceType
                policyStoreSource     = [string]$_.PolicyStoreSource
                program               = $program
                package               = $package
                service               = $serviceName
                interfaceAliases      = $interfaceAliases
                interfaceTypes        = $interfaceTypeMask
            }
        })
    # Unrolled by the part wrapper; an empty list stays an empty part, not a null.
    $rules
}

# Each profile's effective on/off state and default inbound action: with the firewall off, no rule is needed.
function Get-ExreadyFirewallProfiles {
    [CmdletBinding()]
    param()
    Get-NetFirewallProfile -All -PolicyStore ActiveStore -ErrorAction Stop | ForEach-Object {
        [pscustomobject]@{
            name                 = [string]$_.Name
            # GpoBoolean: False 0, True 1, NotConfigured 2; DefaultInboundAction: NotConfigured 0, Allow 2, Block 4.
            enabled              = [int]$_.Enabled
            defaultInboundAction = [int]$_.DefaultInboundAction
        }
    }
}
