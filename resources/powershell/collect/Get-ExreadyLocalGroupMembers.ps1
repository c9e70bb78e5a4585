# Get-LocalGroupMember of a built-in group (by SID: names are localised), domain groups expanded recursively over LDAP.
function Get-ExreadyLocalGroupMembers {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$GroupSid)

    $members = New-Object System.Collections.Generic.List[object]
    foreach ($member in @(Get-LocalGroupMember -SID $GroupSid -ErrorAction Stop)) {
        $sid = $null
        if ($member.SID) { $sid = [string]$member.SID.Value }
        $members.Add([pscustomobject]@{
                name            = [string]$member.Name
                sid             = $sid
                objectClass     = [string]$member.ObjectClass
                principalSource = [string]$member.PrincipalSource
                via             = @()
            })
        if ([string]$member.ObjectClass -ne 'Group' -or [string]$member.PrincipalSource -ne 'ActiveDirectory' -or -not $sid) { continue }

        # Walk the member attribute breadth first; "via" is the chain of groups from the local group down.
        $domain = ([string]$member.Name).Split('\')[0]
        $seen = @{}
        $queue = New-Object System.Collections.Queue
        $queue.Enqueue(@([adsi]"LDAP://<SID=$sid>", @([string]$member.Name)))
        while ($queue.Count -gt 0) {
            $entry = $queue.Dequeue()
            $group = $entry[0]
            $chain = $entry[1]
            if ($null -eq $group.Properties['distinguishedName'].Value) { throw "The domain group $($chain[-1]) could not be read from Active Directory." }
            foreach ($dn in @($group.Properties['member'])) {
                if ($seen.ContainsKey([string]$dn)) { continue }
                $seen[[string]$dn] = $true
                $child = [adsi]('LDAP://' + ([string]$dn).Replace('/', '\/'))
                $classes = @($child.Properties['objectClass'])
                $objectClass = 'User'
                if ($classes -contains 'computer') { $objectClass = 'Computer' }
                elseif ($classes -contains 'group') { $objectClass = 'Group' }
                elseif ($classes -contains 'foreignSecurityPrincipal') { $objectClass = 'Unknown' }
                $childSid = $null
                $sidBytes = $child.Properties['objectSid'].Value
                if ($sidBytes) { $childSid = (New-Object System.Security.Principal.SecurityIdentifier($sidBytes, 0)).Value }
                $account = [string]$child.Properties['sAMAccountName'].Value
                if (-not $account) { $account = [string]$child.Properties['cn'].Value }
                $name = $domain + '\' + $account
                $members.Add([pscustomobject]@{
                        name            = $name
                        sid             = $childSid
                        objectClass     = $objectClass
                        principalSource = 'ActiveDirectory'
                        via             = $chain
                    })
                if ($objectClass -eq 'Group') { $queue.Enqueue(@($child, @($chain + $name))) }
            }
        }
    }
    $members.ToArray()
}
