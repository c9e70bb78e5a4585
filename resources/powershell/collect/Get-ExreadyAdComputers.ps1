# The Exchange servers' computer objects, read once from the jump host over LDAP (no ActiveDirectory module needed).
function Get-ExreadyAdComputers {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string[]]$Servers)

    foreach ($server in $Servers) {
        $adComputer = Invoke-ExreadyPart {
            # RFC 4515 escaping: the names are data, never filter syntax.
            $escaped = $server -replace '\\', '\5c' -replace '\*', '\2a' -replace '\(', '\28' -replace '\)', '\29'
            $account = ($server.Split('.')[0] -replace '\\', '\5c' -replace '\*', '\2a' -replace '\(', '\28' -replace '\)', '\29') + '$'
            $searcher = [adsisearcher]"(&(objectCategory=computer)(|(dNSHostName=$escaped)(sAMAccountName=$account)))"
            foreach ($attribute in @('distinguishedName', 'dNSHostName', 'userAccountControl', 'msDS-AllowedToDelegateTo', 'msDS-AllowedToActOnBehalfOfOtherIdentity')) {
                [void]$searcher.PropertiesToLoad.Add($attribute)
            }
            $found = @($searcher.FindAll())
            # Prefer the object whose dNSHostName is the server's name over a same-named account in another place.
            $match = $found | Where-Object { [string]$_.Properties['dnshostname'][0] -eq $server } | Select-Object -First 1
            if ($null -eq $match) { $match = $found | Select-Object -First 1 }
            if ($null -eq $match) { throw "No computer object for $server was found in Active Directory." }
            $uac = [int]$match.Properties['useraccountcontrol'][0]
            [pscustomobject]@{
                distinguishedName                          = [string]$match.Properties['distinguishedname'][0]
                userAccountControl                         = $uac
                trustedForDelegation                       = (($uac -band 0x80000) -ne 0)
                trustedToAuthForDelegation                 = (($uac -band 0x1000000) -ne 0)
                allowedToDelegateTo                        = @($match.Properties['msds-allowedtodelegateto'] | ForEach-Object { [string]$_ })
                allowedToActOnBehalfOfOtherIdentityPresent = ($match.Properties['msds-allowedtoactonbehalfofotheridentity'].Count -gt 0)
            }
        }
        [pscustomobject]@{ server = $server; adComputer = $adComputer }
    }
}
