# Inbound firewall rules that name the port (directly or in a range), plus port-less block rules that would also stop it.
function Get-ExreadyFirewallRules {
    [CmdletBinding()]
    param([int]$Port = 5986)

    # One read of every filter, joined by InstanceID: per-rule filter calls take minutes on an Exchange server.
    $portFilters = @{}
    foreach ($filter in @(Get-NetFirewallPortFilter -All -ErrorAction Stop)) { $portFilters[$filter.InstanceID] = $filter }
    $addressFilters = @{}
    foreach ($filter in @(Get-NetFirewallAddressFilter -All -ErrorAction Stop)) { $addressFilters[$filter.InstanceID] = $filter }

    Get-NetFirewallRule -Direction Inbound -ErrorAction Stop | ForEach-Object {
        $portFilter = $portFilters[$_.InstanceID]
        if ($null -eq $portFilter) { return }
        $protocol = [string]$portFilter.Protocol
        if ($protocol -ne 'TCP' -and $protocol -ne 'Any') { return }
        $localPorts = @($portFilter.LocalPort | ForEach-Object { [string]$_ })
        $namesPort = $false
        foreach ($entry in $localPorts) {
            if ($entry -eq [string]$Port) { $namesPort = $true }
            elseif ($entry -match '^(\d+)-(\d+)$' -and [int]$Matches[1] -le $Port -and [int]$Matches[2] -ge $Port) { $namesPort = $true }
        }
        $anyPortBlock = ($localPorts -contains 'Any') -and ([int]$_.Action -eq 4)
        if (-not $namesPort -and -not $anyPortBlock) { return }
        $addressFilter = $addressFilters[$_.InstanceID]
        $remoteAddresses = @('Any')
        if ($null -ne $addressFilter) { $remoteAddresses = @($addressFilter.RemoteAddress | ForEach-Object { [string]$_ }) }
        [pscustomobject]@{
            name            = [string]$_.Name
            displayName     = [string]$_.DisplayName
            enabled         = [int]$_.Enabled
            direction       = [int]$_.Direction
            action          = [int]$_.Action
            protocol        = $protocol
            localPorts      = $localPorts
            remoteAddresses = $remoteAddresses
            profiles        = [int]$_.Profile
        }
    }
}
