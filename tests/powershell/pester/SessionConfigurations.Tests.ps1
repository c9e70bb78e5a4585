# The session-configuration part of the collector, through remoting, from Get-PSSessionConfiguration stand-ins whose
# Permission is computed from the SDDL in the server's language: the SDDL and the localised text arrive intact.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/SessionConfigurations.ps1')
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Invoke-ExreadyPart.ps1')
    . (Join-Path $collect 'Get-ExreadySessionConfigurations.ps1')

    # The part exactly as the collector's server block returns it and the jump host receives it.
    function Get-RemotedPart {
        $facts = [pscustomobject]@{ part = Invoke-ExreadyPart { Get-ExreadySessionConfigurations } }
        ($facts | ConvertTo-ExreadyRemoted).part
    }
    $defaultSddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
}

AfterAll {
    Set-ExreadyServerCulture en-US
}

Describe 'Get-ExreadySessionConfigurations' {
    BeforeEach {
        Set-ExreadyServerCulture en-US
    }

    It 'sends the SDDL and the German Permission text, umlauts intact, of a German server' {
        Set-ExreadyServerCulture de-DE
        $denied = 'O:NSG:BAD:P(D;;GA;;;NU)(A;;GA;;;BA)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'
        Mock Get-PSSessionConfiguration {
            New-ExreadySessionConfigurationStandIn -Sddl $defaultSddl
            New-ExreadySessionConfigurationStandIn -Name 'JEAMaintenance' -Sddl $denied -Enabled 'false'
        }
        $part = Get-RemotedPart
        $part.status | Should -Be 'collected'
        ($part.value | ConvertTo-Json -Compress) | Should -Be (@(
                [ordered]@{ name = 'microsoft.powershell'; permission = 'VORDEFINIERT\Administratoren AccessAllowed, NT-AUTORITÄT\INTERAKTIV AccessAllowed, VORDEFINIERT\Remoteverwaltungsbenutzer AccessAllowed'; sddl = $defaultSddl; enabled = 'true' }
                [ordered]@{ name = 'JEAMaintenance'; permission = 'NT-AUTORITÄT\NETZWERK AccessDenied, VORDEFINIERT\Administratoren AccessAllowed, VORDEFINIERT\Remoteverwaltungsbenutzer AccessAllowed'; sddl = $denied; enabled = 'false' }
            ) | ConvertTo-Json -Compress)
    }

    It 'sends the same SDDL from an English server, only the Permission text differs' {
        Mock Get-PSSessionConfiguration { New-ExreadySessionConfigurationStandIn -Sddl $defaultSddl }
        $english = (Get-RemotedPart).value
        Set-ExreadyServerCulture de-DE
        $german = (Get-RemotedPart).value
        $german.sddl | Should -Be $english.sddl
        $english.permission | Should -Be 'BUILTIN\Administrators AccessAllowed, NT AUTHORITY\INTERACTIVE AccessAllowed, BUILTIN\Remote Management Users AccessAllowed'
        $german.permission | Should -Not -Be $english.permission
    }

    It 'sends an empty DACL as an empty Permission beside its SDDL' {
        Mock Get-PSSessionConfiguration { New-ExreadySessionConfigurationStandIn -Sddl 'O:NSG:BAD:PS:P(AU;FA;GA;;;WD)' }
        $value = (Get-RemotedPart).value
        $value.permission | Should -Be ''
        $value.sddl | Should -Be 'O:NSG:BAD:PS:P(AU;FA;GA;;;WD)'
    }
}
