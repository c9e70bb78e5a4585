# The one round trip on an Exchange server: every area, each on its own so one failure costs one part.
function Get-ExreadyServerFacts {
    [CmdletBinding()]
    param([string]$MfaJson)

    $facts = [ordered]@{
        collectedAt           = [DateTime]::UtcNow
        winrmService          = Invoke-ExreadyPart { Get-ExreadyWinrmService }
        listeners             = Invoke-ExreadyPart { Get-ExreadyWinrmListeners }
        serviceAuth           = Invoke-ExreadyPart { Get-ExreadyWinrmServiceAuth }
        sessionConfigurations = Invoke-ExreadyPart { Get-ExreadySessionConfigurations }
        # Built-in group SIDs: Administrators S-1-5-32-544, Remote Management Users S-1-5-32-580.
        localGroups           = [pscustomobject]@{
            administrators        = Invoke-ExreadyPart { Get-ExreadyLocalGroupMembers -GroupSid 'S-1-5-32-544' }
            remoteManagementUsers = Invoke-ExreadyPart { Get-ExreadyLocalGroupMembers -GroupSid 'S-1-5-32-580' }
        }
        certificates          = Invoke-ExreadyPart { Get-ExreadyCertificates }
        firewallRules         = Invoke-ExreadyPart { Get-ExreadyFirewallRules -Port 5986 }
        firewallProfiles      = Invoke-ExreadyPart { Get-ExreadyFirewallProfiles }
        # The server's own WinRM client: "*" there makes the Exchange Management Shell negotiate instead of using Kerberos.
        trustedHosts          = Invoke-ExreadyPart { Get-ExreadyTrustedHosts }
    }
    # The MFA area only when the run asks for it; its parameters are the request's JSON, parsed here as data.
    if ($MfaJson) {
        $mfaParameters = $MfaJson | ConvertFrom-Json
        $facts.mfa = Invoke-ExreadyPart { Get-ExreadyMfaFacts -Parameters $mfaParameters }
    }
    [pscustomobject]$facts
}
