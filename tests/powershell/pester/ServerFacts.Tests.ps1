# Get-ExreadyServerFacts end to end on a stood-in Exchange server, through remoting: one failing part costs that part only.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/WindowsObjects.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/LocalAccounts.ps1')
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    # The server script as the collector builds it (Invoke-ExreadyCollection.ps1, phase 1).
    foreach ($name in @(
            'Invoke-ExreadyPart.ps1', 'Get-ExreadyWinrmService.ps1', 'Get-ExreadyWinrmListeners.ps1', 'Get-ExreadyWinrmServiceAuth.ps1',
            'Get-ExreadySessionConfigurations.ps1', 'Get-ExreadyLocalGroupMembers.ps1', 'Get-ExreadyCertificates.ps1',
            'Get-ExreadyFirewallRules.ps1', 'Get-ExreadyMfaFacts.ps1', 'Get-ExreadyTrustedHosts.ps1', 'Get-ExreadyServerFacts.ps1')) {
        . (Join-Path $collect $name)
    }

    # Windows-only cmdlets, with the parameters the parts use (Pester mocks only what exists).
    function Get-Service { param([Parameter(Position = 0)][string[]]$Name) throw "Get-Service $Name is not stood in" }
    function Get-WSManInstance { param([Parameter(Position = 0)][string]$ResourceURI, [hashtable]$SelectorSet, [switch]$Enumerate) throw 'Get-WSManInstance is not stood in' }
    function Get-LocalGroupMember { param([Parameter(Position = 0)]$SID) throw 'Get-LocalGroupMember is not stood in' }

    $contoso = 'S-1-5-21-3623811015-3361044348-30300820'
    $accessDenied = 'Access is denied.'
    $failingPart = @{ name = $null }
    function Assert-Readable { param([string]$Part) if ($failingPart.name -eq $Part) { throw $accessDenied } }
    # Each part's cmdlet as a healthy server answers it; a failing part's cmdlet throws what Windows says when access is refused.
    function Install-StandInServer {
        param([string]$Failing)
        $failingPart.name = $Failing
        Mock Get-Service -ParameterFilter { $Name -eq 'WinRM' } { Assert-Readable 'winrmService'; New-ExreadyServiceStandIn -Status Running -StartType Automatic }
        Mock Get-WSManInstance -ParameterFilter { $ResourceURI -eq 'winrm/config/listener' } {
            Assert-Readable 'listeners'
            New-ExreadyListenerStandIn -Transport HTTPS -Port 5986 -Hostname 'exch01.contoso.com' -CertificateThumbprint $certificate.Thumbprint -Source GPO
        }
        Mock Get-Item -ParameterFilter { $Path -eq 'WSMan:\localhost\Service\Auth\CbtHardeningLevel' } {
            Assert-Readable 'serviceAuth'; New-ExreadyWsmanLeafStandIn -Name CbtHardeningLevel -Value Strict -SourceOfValue GPO
        }
        Mock Get-Item -ParameterFilter { $Path -eq 'WSMan:\localhost\Client\TrustedHosts' } {
            Assert-Readable 'trustedHosts'; New-ExreadyWsmanLeafStandIn -Name TrustedHosts -Value ''
        }
        Mock Get-ChildItem -ParameterFilter { $Path -eq 'Cert:\LocalMachine\My' } { Assert-Readable 'certificates'; $certificate }
        Mock Get-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-544' } {
            Assert-Readable 'administrators'; New-ExreadyLocalPrincipal -Name 'CONTOSO\Domain Admins' -Sid "$contoso-512" -ObjectClass Group
        }
        Mock Get-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-580' } { Assert-Readable 'remoteManagementUsers' }
        # The session configuration and firewall parts are stood in whole: their scripts and stand-ins are being reworked elsewhere.
        Mock Get-ExreadySessionConfigurations { Assert-Readable 'sessionConfigurations'; [pscustomobject]@{ name = 'microsoft.powershell'; permission = ''; sddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)'; enabled = 'true' } }
        Mock Get-ExreadyFirewallRules { Assert-Readable 'firewallRules'; , [object[]]@() }
    }
    function Get-Part { param($Facts, [string]$Name) if ($Name -in 'administrators', 'remoteManagementUsers') { $Facts.localGroups.$Name } else { $Facts.$Name } }

    $certificate = New-ExreadyCertificateStandIn -DnsNames 'exch01.contoso.com'
    $parts = 'winrmService', 'listeners', 'serviceAuth', 'sessionConfigurations', 'administrators', 'remoteManagementUsers', 'certificates', 'firewallRules', 'trustedHosts'
}

Describe 'Get-ExreadyServerFacts' {
    It 'collects every part of a healthy server, as the jump host prints it' {
        Install-StandInServer
        $facts = Get-ExreadyServerFacts | ConvertTo-ExreadyRemoted
        foreach ($name in $parts) { (Get-Part $facts $name).status | Should -Be 'collected' -Because $name }
        $facts.PSObject.Properties['mfa'] | Should -BeNullOrEmpty
        $json = $facts | ConvertTo-Json -Compress -Depth 10
        $json | Should -Match '"winrmService":\{"status":"collected","value":\{"status":4,"startType":2\}\}'
        $json | Should -Match '"serviceAuth":\{"status":"collected","value":\{"cbtHardeningLevel":"Strict","cbtHardeningLevelSource":"GPO"\}\}'
        $json | Should -Match '"remoteManagementUsers":\{"status":"collected","value":\[\]\}'
        $json | Should -Match '"firewallRules":\{"status":"collected","value":\[\]\}'
        $json | Should -Match ('"certificates":\{"status":"collected","value":\[\{"thumbprint":"' + $certificate.Thumbprint + '","subject":"CN=exch01\.contoso\.com","dnsNames":\["exch01\.contoso\.com"\]')
        $json | Should -Match ('"listeners":\{"status":"collected","value":\[\{"address":"\*","transport":"HTTPS","port":"5986","hostname":"exch01\.contoso\.com","enabled":"true","certificateThumbprint":"' + $certificate.Thumbprint + '","source":"GPO"\}\]\}')
        $json | Should -Match '"collectedAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"'
    }

    It 'keeps every other part when <failing> throws, and that part carries its error' -ForEach @(
        @{ failing = 'winrmService' }, @{ failing = 'listeners' }, @{ failing = 'serviceAuth' }, @{ failing = 'sessionConfigurations' },
        @{ failing = 'administrators' }, @{ failing = 'remoteManagementUsers' }, @{ failing = 'certificates' }, @{ failing = 'firewallRules' },
        @{ failing = 'trustedHosts' }
    ) {
        Install-StandInServer -Failing $failing
        $facts = Get-ExreadyServerFacts | ConvertTo-ExreadyRemoted
        $failed = Get-Part $facts $failing
        $failed.status | Should -Be 'not-collected'
        # The local groups add the WinNT fallback's error to the cmdlet's (Get-ExreadyLocalGroupMembers.ps1).
        $failed.error | Should -BeLike "*$accessDenied*"
        $failed.PSObject.Properties['value'] | Should -BeNullOrEmpty
        foreach ($name in $parts | Where-Object { $_ -ne $failing }) {
            $part = Get-Part $facts $name
            $part.status | Should -Be 'collected' -Because "$name must survive $failing failing"
            $part.PSObject.Properties['value'] | Should -Not -BeNullOrEmpty -Because $name
        }
    }
}
