# Get-ExreadyFirewallRules / Get-ExreadyFirewallProfiles against NetSecurity stand-ins that keep rules per policy store
# and honour -PolicyStore as Windows does; each part crosses remoting as Invoke-Command hands it to the jump host.
BeforeAll {
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Invoke-ExreadyPart.ps1')
    . (Join-Path $collect 'Get-ExreadyFirewallRules.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/NetSecurity.ps1')
    $part = { param([scriptblock]$Collect) Invoke-ExreadyPart $Collect | ConvertTo-ExreadyRemoted }
}

Describe 'NetSecurity stand-ins' {
    BeforeEach { Reset-ExreadyNetSecurity }

    It 'read the PersistentStore without -PolicyStore, as Windows does, and every store from the ActiveStore' {
        Add-ExreadyFirewallRuleStandIn -Name 'Local-5986'
        Add-ExreadyFirewallRuleStandIn -Name 'Gpo-5986' -Store 'RSOP'
        @(Get-NetFirewallRule).Name | Should -Be @('Local-5986')
        @(Get-NetFirewallRule -PolicyStore ActiveStore).Name | Should -Be @('Local-5986', 'Gpo-5986')
        @(Get-NetFirewallPortFilter -All).Count | Should -Be 1
        (Get-NetFirewallRule -PolicyStore ActiveStore | Where-Object Name -EQ 'Gpo-5986').PolicyStoreSourceType | Should -Be 'GroupPolicy'
    }
}

Describe 'Get-ExreadyFirewallRules' {
    BeforeEach { Reset-ExreadyNetSecurity }

    It 'finds a 5986 rule that only Group Policy delivers, and says so' {
        Add-ExreadyFirewallRuleStandIn -Name 'Local-RDP' -LocalPort '3389'
        Add-ExreadyFirewallRuleStandIn -Name 'Gpo-WinRM-HTTPS' -DisplayName 'WinRM HTTPS (GPO)' -Store 'RSOP' -Profile 'Domain'
        $facts = & $part { Get-ExreadyFirewallRules -Port 5986 }
        $facts.status | Should -Be 'collected'
        $rule = $facts.value
        $rule.name | Should -Be 'Gpo-WinRM-HTTPS'
        $rule.displayName | Should -Be 'WinRM HTTPS (GPO)'
        $rule.policyStoreSourceType | Should -Be 2
        $rule.policyStoreSource | Should -Be 'RSOP'
        $rule.action | Should -Be 2
        $rule.profiles | Should -Be 1
        @($rule.localPorts) | Should -Be @('5986')
    }

    It 'keeps port-less rules, Allow as well as Block, and named and ranged ports' {
        Add-ExreadyFirewallRuleStandIn -Name 'Allow-Any-Port' -LocalPort 'Any'
        Add-ExreadyFirewallRuleStandIn -Name 'Block-Any-Port' -LocalPort 'Any' -Action Block
        Add-ExreadyFirewallRuleStandIn -Name 'Range' -LocalPort '5985-5986'
        Add-ExreadyFirewallRuleStandIn -Name 'Other-Port' -LocalPort '443'
        Add-ExreadyFirewallRuleStandIn -Name 'Udp' -Protocol 'UDP' -LocalPort 'Any'
        Add-ExreadyFirewallRuleStandIn -Name 'Outbound' -Direction Outbound -LocalPort 'Any'
        $facts = & $part { Get-ExreadyFirewallRules -Port 5986 }
        @($facts.value | ForEach-Object { $_.name }) | Should -Be @('Allow-Any-Port', 'Block-Any-Port', 'Range')
        @($facts.value | ForEach-Object { $_.action }) | Should -Be @(2, 4, 2)
    }

    It 'carries the program, package, service and interface limits of each rule' {
        Add-ExreadyFirewallRuleStandIn -Name 'App-Only' -LocalPort 'Any' -Program 'C:\Program Files\App\app.exe'
        Add-ExreadyFirewallRuleStandIn -Name 'Service-Only' -Service 'WinRM' -InterfaceAlias 'Ethernet 2' -InterfaceType 'Wired, Wireless'
        Add-ExreadyFirewallRuleStandIn -Name 'WinRM-System' -Program 'System'
        $rules = @((& $part { Get-ExreadyFirewallRules -Port 5986 }).value)
        $rules[0].program | Should -Be 'C:\Program Files\App\app.exe'
        $rules[0].service | Should -Be 'Any'
        $rules[0].package | Should -BeNullOrEmpty
        $rules[1].service | Should -Be 'WinRM'
        @($rules[1].interfaceAliases) | Should -Be @('Ethernet 2')
        $rules[1].interfaceTypes | Should -Be 3
        $rules[2].program | Should -Be 'System'
        @($rules[2].interfaceAliases) | Should -Be @('Any')
        $rules[2].interfaceTypes | Should -Be 0
    }

    It 'drops a disabled port-less rule but keeps a disabled rule that names the port' {
        Add-ExreadyFirewallRuleStandIn -Name 'Off-Any' -LocalPort 'Any' -Enabled False
        Add-ExreadyFirewallRuleStandIn -Name 'Off-5986' -Enabled False
        $facts = & $part { Get-ExreadyFirewallRules -Port 5986 }
        $facts.value.name | Should -Be 'Off-5986'
        $facts.value.enabled | Should -Be 2
    }

    It 'reads no rules as an empty part that prints as null, not as {}' {
        $facts = & $part { Get-ExreadyFirewallRules -Port 5986 }
        $facts.status | Should -Be 'collected'
        $facts.value | Should -BeNullOrEmpty
        ($facts | ConvertTo-Json -Depth 6 -Compress) | Should -Be '{"status":"collected","value":null}'
    }

    It 'costs only its own part when NetSecurity is unavailable' {
        Mock Get-NetFirewallPortFilter { throw 'The WMI provider for MSFT_NetProtocolPortFilter is not available.' }
        $facts = & $part { Get-ExreadyFirewallRules -Port 5986 }
        $facts.status | Should -Be 'not-collected'
        $facts.error | Should -Be 'The WMI provider for MSFT_NetProtocolPortFilter is not available.'
    }
}

Describe 'Get-ExreadyFirewallProfiles' {
    BeforeEach { Reset-ExreadyNetSecurity }

    It 'collects each profile''s on/off state and default inbound action as NetSecurity numbers' {
        Set-ExreadyFirewallProfilesStandIn -Profiles @(
            @{ Name = 'Domain'; Enabled = 'False'; DefaultInboundAction = 'Block' },
            @{ Name = 'Private'; Enabled = 'True'; DefaultInboundAction = 'Allow' },
            @{ Name = 'Public'; Enabled = 'NotConfigured'; DefaultInboundAction = 'NotConfigured' })
        $facts = & $part { Get-ExreadyFirewallProfiles }
        $facts.status | Should -Be 'collected'
        @($facts.value | ForEach-Object { $_.name }) | Should -Be @('Domain', 'Private', 'Public')
        @($facts.value | ForEach-Object { $_.enabled }) | Should -Be @(0, 1, 2)
        @($facts.value | ForEach-Object { $_.defaultInboundAction }) | Should -Be @(4, 2, 0)
    }

    It 'asks the ActiveStore, where Group Policy''s profile settings take effect' {
        Mock Get-NetFirewallProfile { }
        $null = & $part { Get-ExreadyFirewallProfiles }
        Should -Invoke Get-NetFirewallProfile -Times 1 -Exactly -ParameterFilter { $PolicyStore -eq 'ActiveStore' }
    }
}
