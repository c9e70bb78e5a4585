# The jump host's expansion of the domain groups found in the Exchange servers' local groups, against a stand-in forest.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/ActiveDirectory.ps1')
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Resolve-ExreadyAccount.ps1')
    . (Join-Path $collect 'Expand-ExreadyDomainGroups.ps1')
    Install-ExreadyAdStandIn

    $contoso = 'S-1-5-21-3623811015-3361044348-30300820'
    $other = 'S-1-5-21-1180699209-877415012-3182924384'

    # contoso.com with a second domain other.contoso.com (NetBIOS OTHER) in the same forest.
    function Add-ExreadyTestForest {
        Add-ExreadyAdObject -DistinguishedName 'RootDSE' -Attributes @{
            configurationNamingContext = 'CN=Configuration,DC=contoso,DC=com'
            defaultNamingContext       = 'DC=contoso,DC=com'
        }
        Add-ExreadyAdObject -DistinguishedName 'CN=Partitions,CN=Configuration,DC=contoso,DC=com' -Attributes @{ objectClass = @('top', 'crossRefContainer') }
        Add-ExreadyAdObject -DistinguishedName 'CN=CONTOSO,CN=Partitions,CN=Configuration,DC=contoso,DC=com' -Attributes @{
            objectClass = @('top', 'crossRef'); nCName = 'DC=contoso,DC=com'; nETBIOSName = 'CONTOSO'; dnsRoot = 'contoso.com'
        }
        Add-ExreadyAdObject -DistinguishedName 'CN=OTHER,CN=Partitions,CN=Configuration,DC=contoso,DC=com' -Attributes @{
            objectClass = @('top', 'crossRef'); nCName = 'DC=other,DC=contoso,DC=com'; nETBIOSName = 'OTHER'; dnsRoot = 'other.contoso.com'
        }
        # The configuration partition's own crossRef has no NetBIOS name.
        Add-ExreadyAdObject -DistinguishedName 'CN=Enterprise Configuration,CN=Partitions,CN=Configuration,DC=contoso,DC=com' -Attributes @{
            objectClass = @('top', 'crossRef'); nCName = 'CN=Configuration,DC=contoso,DC=com'
        }
    }

    function Get-Expansion {
        param([string[]]$Sids)
        # Through JSON as phase 3 prints it, so the shapes are what the TypeScript side reads.
        @(Expand-ExreadyDomainGroups -Sids $Sids) | ConvertTo-Json -Depth 10 | ConvertFrom-Json
    }

    function Format-Member {
        param($Member)
        $expansion = ''
        if ($Member.PSObject.Properties['expansion']) { $expansion = ' ' + $Member.expansion.status }
        '{0} {1} {2} via [{3}]{4}' -f $Member.name, $Member.sid, $Member.objectClass, ($Member.via -join ' > '), $expansion
    }
}

AfterAll {
    Uninstall-ExreadyAdStandIn
}

Describe 'Expand-ExreadyDomainGroups' {
    BeforeEach {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
        Add-ExreadyTestForest
        Mock Resolve-ExreadyAccountName { $null }
    }

    It 'collects an empty group as a group with no members' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" -SamAccountName 'Exchange Sync'
        $result = Get-Expansion -Sids "$contoso-2201"
        $result.sid | Should -Be "$contoso-2201"
        $result.objectClass | Should -Be 'Group'
        $result.members.status | Should -Be 'collected'
        @($result.members.value).Count | Should -Be 0
        ($result.members | ConvertTo-Json -Compress) | Should -Be '{"status":"collected","value":[]}'
    }

    It 'lists members two groups deep, breadth first, each with the chain of groups below the root' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" -SamAccountName 'Exchange Sync' `
            -Member 'CN=Sync Operators,OU=Groups,DC=contoso,DC=com', 'CN=alice,CN=Users,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Sync Operators,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2202" -SamAccountName 'Sync Operators' `
            -Member 'CN=Sync Accounts,OU=Groups,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Sync Accounts,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2203" -SamAccountName 'Sync Accounts' `
            -Member 'CN=svc-sync,CN=Users,DC=contoso,DC=com', 'CN=SYNC01,OU=Servers,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=alice,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1201" -SamAccountName 'alice'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=svc-sync,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1604" -SamAccountName 'svc-sync'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=SYNC01,OU=Servers,DC=contoso,DC=com' -Class computer -Sid "$contoso-1301" -SamAccountName 'SYNC01$'

        $result = Get-Expansion -Sids "$contoso-2201"
        @($result.members.value | ForEach-Object { Format-Member $_ }) | Should -Be @(
            "CONTOSO\Sync Operators $contoso-2202 Group via [] expanded"
            "CONTOSO\alice $contoso-1201 User via []"
            "CONTOSO\Sync Accounts $contoso-2203 Group via [CONTOSO\Sync Operators] expanded"
            "CONTOSO\svc-sync $contoso-1604 User via [CONTOSO\Sync Operators > CONTOSO\Sync Accounts]"
            "CONTOSO\SYNC01$ $contoso-1301 Computer via [CONTOSO\Sync Operators > CONTOSO\Sync Accounts]"
        )
    }

    It 'does not list the root as its own member when groups nest in a cycle (A contains B contains A)' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=A,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-3001" -SamAccountName 'A' -Member 'CN=B,OU=Groups,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=B,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-3002" -SamAccountName 'B' `
            -Member 'CN=A,OU=Groups,DC=contoso,DC=com', 'CN=svc-sync,CN=Users,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=svc-sync,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1604" -SamAccountName 'svc-sync'

        $results = @(Get-Expansion -Sids "$contoso-3001", "$contoso-3002")
        @($results[0].members.value | ForEach-Object { Format-Member $_ }) | Should -Be @(
            "CONTOSO\B $contoso-3002 Group via [] expanded"
            "CONTOSO\svc-sync $contoso-1604 User via [CONTOSO\B]"
        )
        @($results[1].members.value | ForEach-Object { Format-Member $_ }) | Should -Be @(
            "CONTOSO\A $contoso-3001 Group via [] expanded"
            "CONTOSO\svc-sync $contoso-1604 User via []"
        )
        # Each object is read once for the whole run, whichever group reached it first.
        $binds = @([ExreadyStandIn.DirectoryServices.StandInDirectory]::Binds | Where-Object { $_ -notlike '*RootDSE' -and $_ -notlike '*Partitions*' })
        $binds.Count | Should -Be 3
    }

    It 'keeps the other members when a nested group cannot be read, and marks only that group' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" -SamAccountName 'Exchange Sync' `
            -Member 'CN=alice,CN=Users,DC=contoso,DC=com', 'CN=Readable,OU=Groups,DC=contoso,DC=com', 'CN=Ops,OU=Groups,DC=other,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=alice,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1201" -SamAccountName 'alice'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Readable,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2204" -SamAccountName 'Readable' `
            -Member 'CN=bob,CN=Users,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=bob,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1202" -SamAccountName 'bob'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Ops,OU=Groups,DC=other,DC=contoso,DC=com' -Class group -Sid "$other-4001" -SamAccountName 'Ops' `
            -Member 'CN=svc-sync,CN=Users,DC=other,DC=contoso,DC=com' -BindError 'The server is not operational.'

        $result = Get-Expansion -Sids "$contoso-2201"
        $result.members.status | Should -Be 'collected'
        @($result.members.value | ForEach-Object { Format-Member $_ }) | Should -Be @(
            "CONTOSO\alice $contoso-1201 User via []"
            "CONTOSO\Readable $contoso-2204 Group via [] expanded"
            'CN=Ops,OU=Groups,DC=other,DC=contoso,DC=com  Unknown via [] not-expanded'
            "CONTOSO\bob $contoso-1202 User via [CONTOSO\Readable]"
        )
        @($result.members.value)[2].expansion.error | Should -Be 'The server is not operational.'
    }

    It 'reports a root group it cannot read as not collected, and still expands the others' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Locked,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2205" -SamAccountName 'Locked' -BindError 'An operations error occurred.'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Open,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2206" -SamAccountName 'Open' -Member 'CN=alice,CN=Users,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=alice,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1201" -SamAccountName 'alice'

        $results = @(Get-Expansion -Sids "$contoso-2205", "$contoso-2206", "$contoso-9999")
        $results[0].objectClass | Should -BeNullOrEmpty
        $results[0].members | Should -Not -BeNullOrEmpty
        $results[0].members.status | Should -Be 'not-collected'
        $results[0].members.error | Should -Be 'An operations error occurred.'
        @($results[1].members.value).name | Should -Be 'CONTOSO\alice'
        $results[2].members.error | Should -Be 'There is no such object on the server.'
    }

    It 'names a foreignSecurityPrincipal by translating its SID, or by the SID, never with the local domain' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" -SamAccountName 'Exchange Sync' `
            -Member 'CN=S-1-5-21-2222-3333-4444-1105,CN=ForeignSecurityPrincipals,DC=contoso,DC=com', 'CN=S-1-5-21-2222-3333-4444-1106,CN=ForeignSecurityPrincipals,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=S-1-5-21-2222-3333-4444-1105,CN=ForeignSecurityPrincipals,DC=contoso,DC=com' -Class foreignSecurityPrincipal -Sid 'S-1-5-21-2222-3333-4444-1105'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=S-1-5-21-2222-3333-4444-1106,CN=ForeignSecurityPrincipals,DC=contoso,DC=com' -Class foreignSecurityPrincipal -Sid 'S-1-5-21-2222-3333-4444-1106'
        Mock Resolve-ExreadyAccountName -ParameterFilter { $Sid -eq 'S-1-5-21-2222-3333-4444-1105' } { 'FABRIKAM\svc-sync' }

        $result = Get-Expansion -Sids "$contoso-2201"
        @($result.members.value | ForEach-Object { Format-Member $_ }) | Should -Be @(
            'FABRIKAM\svc-sync S-1-5-21-2222-3333-4444-1105 Unknown via []'
            'S-1-5-21-2222-3333-4444-1106 S-1-5-21-2222-3333-4444-1106 Unknown via []'
        )
    }

    It 'names members of a second domain with their own domain, so OTHER\svc-sync and CONTOSO\svc-sync stay two accounts' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" -SamAccountName 'Exchange Sync' `
            -Member 'CN=svc-sync,CN=Users,DC=other,DC=contoso,DC=com', 'CN=Ops,OU=Groups,DC=other,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=svc-sync,CN=Users,DC=other,DC=contoso,DC=com' -Class user -Sid "$other-1604" -SamAccountName 'svc-sync'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Ops,OU=Groups,DC=other,DC=contoso,DC=com' -Class group -Sid "$other-4001" -SamAccountName 'Ops' `
            -Member 'CN=svc-sync,CN=Users,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=svc-sync,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1604" -SamAccountName 'svc-sync'

        $result = Get-Expansion -Sids "$contoso-2201"
        @($result.members.value | ForEach-Object { Format-Member $_ }) | Should -Be @(
            "OTHER\svc-sync $other-1604 User via []"
            "OTHER\Ops $other-4001 Group via [] expanded"
            "CONTOSO\svc-sync $contoso-1604 User via [OTHER\Ops]"
        )
    }

    It 'names members through LSA, then by DNS domain, when the forest''s crossRefs cannot be read' {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::SearchError = 'The server is not operational.'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" -SamAccountName 'Exchange Sync' `
            -Member 'CN=svc-sync,CN=Users,DC=other,DC=contoso,DC=com', 'CN=alice,CN=Users,DC=contoso,DC=com'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=svc-sync,CN=Users,DC=other,DC=contoso,DC=com' -Class user -Sid "$other-1604" -SamAccountName 'svc-sync'
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=alice,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1201" -SamAccountName 'alice'
        Mock Resolve-ExreadyAccountName -ParameterFilter { $Sid -eq "$other-1604" } { 'OTHER\svc-sync' }

        $result = Get-Expansion -Sids "$contoso-2201"
        @($result.members.value).name | Should -Be @('OTHER\svc-sync', 'contoso.com\alice')
    }

    It 'reads a user or computer SID as such, with no members, and each SID once however many servers list it' {
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=svc-sync,CN=Users,DC=contoso,DC=com' -Class user -Sid "$contoso-1604" -SamAccountName 'svc-sync'
        $results = @(Get-Expansion -Sids "$contoso-1604", "$contoso-1604".ToLowerInvariant())
        $results.Count | Should -Be 1
        $results[0].objectClass | Should -Be 'User'
        ($results[0].members | ConvertTo-Json -Compress) | Should -Be '{"status":"collected","value":[]}'
        @([ExreadyStandIn.DirectoryServices.StandInDirectory]::Binds | Where-Object { $_ -like '*<SID=*' }).Count | Should -Be 1
    }

    It 'prints nothing when no server has a domain principal' {
        @(Expand-ExreadyDomainGroups -Sids @()).Count | Should -Be 0
    }
}

Describe 'ConvertFrom-ExreadySidBytes' {
    It 'reads objectSid bytes as Windows writes the SID' {
        # BUILTIN\Administrators as stored: revision 1, two sub-authorities, authority 5, then 32 and 544 little-endian.
        [byte[]]$bytes = 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 32, 2, 0, 0
        ConvertFrom-ExreadySidBytes -Bytes $bytes | Should -Be 'S-1-5-32-544'
        ConvertFrom-ExreadySidBytes -Bytes (ConvertTo-ExreadySidBytes "$contoso-1604") | Should -Be "$contoso-1604"
    }
}

Describe 'Resolve-ExreadyAccountName' {
    It 'gives $null, not an error, when Windows cannot translate the SID' {
        Resolve-ExreadyAccountName -Sid 'S-1-5-21-2222-3333-4444-1106' | Should -BeNullOrEmpty
    }
}

Describe 'Resolve-ExreadyAccountSid' {
    It 'throws when the name cannot be translated, so the part says why' {
        { Resolve-ExreadyAccountSid -Name 'CONTOSO\nobody' } | Should -Throw
    }
}
