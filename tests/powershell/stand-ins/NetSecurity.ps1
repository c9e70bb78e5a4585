# Stand-ins for the NetSecurity module where it does not exist: rules and their filters kept per policy store, and
# cmdlets that honour -PolicyStore as Windows does (none given: the PersistentStore, which holds no GPO rule; ActiveStore:
# every store merged). Values carry the module's enum types so [int] and [string] read them as on Windows.
# Dot-source from BeforeAll; call Reset-ExreadyNetSecurity before each test.
if (-not ('ExreadyStandIn.NetSecurity.Action' -as [type])) {
    Add-Type -TypeDefinition @'
namespace ExreadyStandIn.NetSecurity {
    // MSFT_NetFirewallRule: Enabled True 1 / False 2, Direction Inbound 1 / Outbound 2, Action Allow 2 / AllowBypass 3 / Block 4.
    public enum Enabled { True = 1, False = 2 }
    public enum Direction { Inbound = 1, Outbound = 2 }
    public enum Action { NotConfigured = 0, Allow = 2, AllowBypass = 3, Block = 4 }
    [System.Flags] public enum Profile { Any = 0, Domain = 1, Private = 2, Public = 4 }
    // PolicyStoreSourceType, as FW_RULE_ORIGIN_TYPE in [MS-FASP] 2.2.32.
    public enum PolicyStoreType { None = 0, Local = 1, GroupPolicy = 2, Dynamic = 3, Generated = 4, Hardcoded = 5, MDM = 6 }
    [System.Flags] public enum InterfaceType { Any = 0, Wired = 1, Wireless = 2, RemoteAccess = 4 }
    // MSFT_NetFirewallProfile: Enabled is a GpoBoolean (False 0, True 1, NotConfigured 2).
    public enum GpoBoolean { False = 0, True = 1, NotConfigured = 2 }
}
'@
}

# The stand-ins live in a module of their own so their tables are the same whichever script scope calls them.
$null = New-Module -Name ExreadyNetSecurityStandIn -ScriptBlock {
    $script:ExreadyNetSecurityStores = [ordered]@{}
    $script:ExreadyNetSecurityProfiles = @()

    function Reset-ExreadyNetSecurity {
        $script:ExreadyNetSecurityStores = [ordered]@{ PersistentStore = New-Object System.Collections.Generic.List[object] }
        $script:ExreadyNetSecurityProfiles = @()
    }

    # A CIM instance of a NetSecurity class: its properties, and the type name Get-NetFirewall* output carries.
    function New-ExreadyCimStandIn {
        param([string]$Class, [System.Collections.IDictionary]$Properties)
        $object = [pscustomobject]$Properties
        $object.PSObject.TypeNames.Insert(0, "Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/$Class")
        $object
    }

    # Adds a rule with its six filters to a store: PersistentStore for a local rule, a GPO store (RSOP) for a Group Policy one.
    function Add-ExreadyFirewallRuleStandIn {
        param(
            [Parameter(Mandatory)][string]$Name,
            [string]$DisplayName = $Name,
            [string]$Store = 'PersistentStore',
            [ValidateSet('True', 'False')][string]$Enabled = 'True',
            [ValidateSet('Inbound', 'Outbound')][string]$Direction = 'Inbound',
            [ValidateSet('Allow', 'AllowBypass', 'Block')][string]$Action = 'Allow',
            [string]$Profile = 'Any',
            [string]$Protocol = 'TCP',
            [string[]]$LocalPort = @('5986'),
            [string[]]$RemoteAddress = @('Any'),
            [string]$Program = 'Any',
            [string]$Package = $null,
            [string]$Service = 'Any',
            [string[]]$InterfaceAlias = @('Any'),
            [string]$InterfaceType = 'Any'
        )
        # A GPO rule's InstanceID is a GUID; a local one is its name, as on Windows.
        $instanceId = $Name
        $origin = 'Local'
        if ($Store -ne 'PersistentStore') { $instanceId = "{$([guid]::NewGuid())}"; $origin = 'GroupPolicy' }
        if (-not $script:ExreadyNetSecurityStores.Contains($Store)) { $script:ExreadyNetSecurityStores[$Store] = New-Object System.Collections.Generic.List[object] }
        # The CIM LocalPort is a string[]; one value still comes back as an array.
        $script:ExreadyNetSecurityStores[$Store].Add([pscustomobject]@{
                Rule            = New-ExreadyCimStandIn 'MSFT_NetFirewallRule' ([ordered]@{
                        Name = $Name; DisplayName = $DisplayName; InstanceID = $instanceId
                        Enabled = [ExreadyStandIn.NetSecurity.Enabled]$Enabled; Direction = [ExreadyStandIn.NetSecurity.Direction]$Direction
                        Action = [ExreadyStandIn.NetSecurity.Action]$Action; Profile = [ExreadyStandIn.NetSecurity.Profile]$Profile
                        PolicyStoreSource = $Store; PolicyStoreSourceType = [ExreadyStandIn.NetSecurity.PolicyStoreType]$origin
                    })
                PortFilter      = New-ExreadyCimStandIn 'MSFT_NetProtocolPortFilter' ([ordered]@{ InstanceID = $instanceId; Protocol = $Protocol; LocalPort = [string[]]$LocalPort })
                AddressFilter   = New-ExreadyCimStandIn 'MSFT_NetAddressFilter' ([ordered]@{ InstanceID = $instanceId; RemoteAddress = [string[]]$RemoteAddress })
                AppFilter       = New-ExreadyCimStandIn 'MSFT_NetApplicationFilter' ([ordered]@{ InstanceID = $instanceId; Program = $Program; Package = $(if ($Package) { $Package } else { $null }) })
                ServiceFilter   = New-ExreadyCimStandIn 'MSFT_NetServiceFilter' ([ordered]@{ InstanceID = $instanceId; Service = $Service })
                InterfaceFilter = New-ExreadyCimStandIn 'MSFT_NetInterfaceFilter' ([ordered]@{ InstanceID = $instanceId; InterfaceAlias = [string[]]$InterfaceAlias })
                TypeFilter      = New-ExreadyCimStandIn 'MSFT_NetInterfaceTypeFilter' ([ordered]@{ InstanceID = $instanceId; InterfaceType = [ExreadyStandIn.NetSecurity.InterfaceType]$InterfaceType })
            })
    }

    function Set-ExreadyFirewallProfilesStandIn {
        param([hashtable[]]$Profiles)
        $script:ExreadyNetSecurityProfiles = @(foreach ($state in $Profiles) {
                New-ExreadyCimStandIn 'MSFT_NetFirewallProfile' ([ordered]@{
                        Name = $state.Name; Enabled = [ExreadyStandIn.NetSecurity.GpoBoolean]$state.Enabled
                        DefaultInboundAction = [ExreadyStandIn.NetSecurity.Action]$state.DefaultInboundAction
                    })
            })
    }

    # The entries a store holds: none given is the PersistentStore; ActiveStore merges every store.
    function Get-ExreadyNetSecurityEntries {
        param([string]$PolicyStore)
        if (-not $PolicyStore) { $PolicyStore = 'PersistentStore' }
        foreach ($key in @($script:ExreadyNetSecurityStores.Keys)) {
            if ($PolicyStore -ne 'ActiveStore' -and $key -ne $PolicyStore) { continue }
            foreach ($entry in $script:ExreadyNetSecurityStores[$key]) { $entry }
        }
    }

    function Get-NetFirewallRule {
        [CmdletBinding()]
        param([string]$Direction, [string]$PolicyStore, [switch]$All, [string]$Name, [string]$DisplayName)
        $found = @(Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.Rule } | Where-Object {
                (-not $Direction -or [string]$_.Direction -eq $Direction) -and (-not $Name -or $_.Name -eq $Name) -and (-not $DisplayName -or $_.DisplayName -eq $DisplayName)
            })
        # A name that matches nothing is a non-terminating error on Windows, not an empty result.
        if ($Name -and $found.Count -eq 0) { Write-Error -Message "No MSFT_NetFirewallRule objects found with property 'Name' equal to '$Name'.  Verify the value of the property and retry." -Category ObjectNotFound }
        $found
    }
    function Get-NetFirewallPortFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore) Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.PortFilter } }
    function Get-NetFirewallAddressFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore) Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.AddressFilter } }
    function Get-NetFirewallApplicationFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore) Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.AppFilter } }
    function Get-NetFirewallServiceFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore) Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.ServiceFilter } }
    function Get-NetFirewallInterfaceFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore) Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.InterfaceFilter } }
    function Get-NetFirewallInterfaceTypeFilter { [CmdletBinding()] param([switch]$All, [string]$PolicyStore) Get-ExreadyNetSecurityEntries -PolicyStore $PolicyStore | ForEach-Object { $_.TypeFilter } }
    function Get-NetFirewallProfile {
        [CmdletBinding()]
        param([switch]$All, [string]$PolicyStore, [string[]]$Name)
        $script:ExreadyNetSecurityProfiles | Where-Object { -not $Name -or $Name -contains $_.Name }
    }
    # The one write the fix makes; it creates a local rule in the PersistentStore.
    function New-NetFirewallRule {
        [CmdletBinding()]
        param([string]$Name, [string]$DisplayName, [string]$Direction, [string]$Protocol, [string[]]$LocalPort, [string]$Action, [string]$Profile, [string[]]$RemoteAddress, [string]$PolicyStore)
        Add-ExreadyFirewallRuleStandIn -Name $Name -DisplayName $DisplayName -Direction $Direction -Protocol $Protocol -LocalPort $LocalPort -Action $Action -Profile $Profile -RemoteAddress $RemoteAddress
        ($script:ExreadyNetSecurityStores['PersistentStore'] | Select-Object -Last 1).Rule
    }
    # Local rules only: a GPO rule is read-only on the server, as Windows says when asked to change one there.
    function Set-NetFirewallRule {
        [CmdletBinding()]
        param([string]$Name, [string[]]$RemoteAddress)
        $entry = @($script:ExreadyNetSecurityStores['PersistentStore'] | Where-Object { $_.Rule.Name -eq $Name }) | Select-Object -First 1
        if ($null -eq $entry) { throw "No MSFT_NetFirewallRule objects found with property 'Name' equal to '$Name'.  Verify the value of the property and retry." }
        $entry.AddressFilter.RemoteAddress = [string[]]$RemoteAddress
    }
    function Remove-NetFirewallRule {
        [CmdletBinding()]
        param([string]$Name)
        $list = $script:ExreadyNetSecurityStores['PersistentStore']
        $entry = @($list | Where-Object { $_.Rule.Name -eq $Name }) | Select-Object -First 1
        if ($null -eq $entry) { throw "No MSFT_NetFirewallRule objects found with property 'Name' equal to '$Name'.  Verify the value of the property and retry." }
        [void]$list.Remove($entry)
    }
    Reset-ExreadyNetSecurity
    Export-ModuleMember -Function *
} | Import-Module -Force -Global
