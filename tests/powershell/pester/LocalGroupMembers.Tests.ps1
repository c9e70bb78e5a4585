# The Exchange-server part of the local group facts: direct members with SIDs, nothing read from AD there, through remoting.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/LocalAccounts.ps1')
    . (Join-Path $PSScriptRoot '../stand-ins/ActiveDirectory.ps1')
    $collect = Join-Path $PSScriptRoot '../../../resources/powershell/collect'
    . (Join-Path $collect 'Invoke-ExreadyPart.ps1')
    . (Join-Path $collect 'Get-ExreadyLocalGroupMembers.ps1')

    # Get-LocalGroupMember's parameter sets (Microsoft.PowerShell.LocalAccounts); SID is a SecurityIdentifier on Windows.
    function Get-LocalGroupMember {
        [CmdletBinding(DefaultParameterSetName = 'Default')]
        param(
            [Parameter(ParameterSetName = 'Default', Mandatory, Position = 0)][string]$Name,
            [Parameter(ParameterSetName = 'Group', Mandatory, Position = 0)]$Group,
            [Parameter(ParameterSetName = 'SecurityIdentifier', Mandatory, Position = 0)]$SID,
            [Parameter(Position = 1)][string]$Member
        )
    }

    # The part exactly as the collector's server block returns it and the jump host receives it.
    function Get-RemotedPart {
        param([string]$GroupSid)
        $facts = [pscustomobject]@{ group = Invoke-ExreadyPart { Get-ExreadyLocalGroupMembers -GroupSid $GroupSid } }
        ($facts | ConvertTo-ExreadyRemoted).group
    }

    $contoso = 'S-1-5-21-3623811015-3361044348-30300820'
    Install-ExreadyAdStandIn
}

AfterAll {
    Uninstall-ExreadyAdStandIn
}

Describe 'Get-ExreadyLocalGroupMembers' {
    BeforeEach {
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Clear()
    }

    It 'lists the direct members of Administrators by SID, with each member''s SID, class and source as the cmdlet gives them' {
        Mock Get-LocalGroupMember -ParameterFilter { $SID -eq 'S-1-5-32-544' } {
            New-ExreadyLocalPrincipal -Name 'EXCH01\Administrator' -Sid 'S-1-5-21-1004336348-1177238915-682003330-500' -PrincipalSource Local
            New-ExreadyLocalPrincipal -Name 'CONTOSO\Domänen-Admins' -Sid "$contoso-512" -ObjectClass 'Group'
            New-ExreadyLocalPrincipal -Name 'CONTOSO\EXCH02$' -Sid "$contoso-1110" -ObjectClass 'Other'
        }
        $part = Get-RemotedPart -GroupSid 'S-1-5-32-544'
        $part.status | Should -Be 'collected'
        ($part.value | ConvertTo-Json -Compress) | Should -Be (@(
                [ordered]@{ name = 'EXCH01\Administrator'; sid = 'S-1-5-21-1004336348-1177238915-682003330-500'; objectClass = 'User'; principalSource = 'Local' }
                [ordered]@{ name = 'CONTOSO\Domänen-Admins'; sid = "$contoso-512"; objectClass = 'Group'; principalSource = 'ActiveDirectory' }
                [ordered]@{ name = 'CONTOSO\EXCH02$'; sid = "$contoso-1110"; objectClass = 'Other'; principalSource = 'ActiveDirectory' }
            ) | ConvertTo-Json -Compress)
    }

    It 'collects an empty group (Remote Management Users by default) as [] through remoting, never {}' {
        Mock Get-LocalGroupMember { }
        $part = Get-RemotedPart -GroupSid 'S-1-5-32-580'
        $part.status | Should -Be 'collected'
        ($part | ConvertTo-Json -Compress -Depth 5) | Should -Be '{"status":"collected","value":[]}'
    }

    It 'keeps one member a list of one through remoting' {
        Mock Get-LocalGroupMember { New-ExreadyLocalPrincipal -Name 'CONTOSO\svc-sync' -Sid "$contoso-1604" }
        ((Get-RemotedPart -GroupSid 'S-1-5-32-580') | ConvertTo-Json -Compress -Depth 5) |
            Should -Be "{`"status`":`"collected`",`"value`":[{`"name`":`"CONTOSO\\svc-sync`",`"sid`":`"$contoso-1604`",`"objectClass`":`"User`",`"principalSource`":`"ActiveDirectory`"}]}"
    }

    It 'reads nothing from AD on the Exchange server: a domain group AD refuses there (second hop) costs no direct member' {
        # Without delegation the LDAP bind from the remote session fails as Kerberos's second hop does.
        Add-ExreadyAdPrincipal -DistinguishedName 'CN=Exchange Sync,OU=Groups,DC=contoso,DC=com' -Class group -Sid "$contoso-2201" `
            -SamAccountName 'Exchange Sync' -Member 'CN=svc-sync,CN=Users,DC=contoso,DC=com' -BindError 'An operations error occurred.'
        Mock Get-LocalGroupMember {
            New-ExreadyLocalPrincipal -Name 'CONTOSO\Exchange Sync' -Sid "$contoso-2201" -ObjectClass 'Group'
            New-ExreadyLocalPrincipal -Name 'CONTOSO\svc-backup' -Sid "$contoso-1701"
        }
        $part = Get-RemotedPart -GroupSid 'S-1-5-32-580'
        $part.status | Should -Be 'collected'
        @($part.value | ForEach-Object { $_.name }) | Should -Be @('CONTOSO\Exchange Sync', 'CONTOSO\svc-backup')
        [ExreadyStandIn.DirectoryServices.StandInDirectory]::Binds.Count | Should -Be 0
    }

    It 'falls back to the WinNT provider, with SIDs, when Get-LocalGroupMember fails on an orphaned SID' {
        Mock Get-LocalGroupMember { Write-Error -ErrorRecord (New-ExreadyLocalGroupMemberError) }
        Mock Get-ExreadyWinNTGroupMembers -ParameterFilter { $GroupSid -eq 'S-1-5-32-544' } {
            [pscustomobject]@{ AdsPath = 'WinNT://CONTOSO/EXCH01/Administrator'; Class = 'User'; Sid = 'S-1-5-21-1004336348-1177238915-682003330-500' }
            [pscustomobject]@{ AdsPath = 'WinNT://CONTOSO/Domain Admins'; Class = 'Group'; Sid = "$contoso-512" }
            [pscustomobject]@{ AdsPath = 'WinNT://S-1-5-21-111-222-333-1105'; Class = 'User'; Sid = 'S-1-5-21-111-222-333-1105' }
            [pscustomobject]@{ AdsPath = 'WinNT://AzureAD/alice@contoso.com'; Class = 'User'; Sid = 'S-1-12-1-1-2-3-4' }
            [pscustomobject]@{ AdsPath = 'WinNT://NT AUTHORITY/INTERACTIVE'; Class = 'Group'; Sid = 'S-1-5-4' }
        }
        $part = Get-RemotedPart -GroupSid 'S-1-5-32-544'
        $part.status | Should -Be 'collected'
        @($part.value | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.name, $_.sid, $_.objectClass, $_.principalSource }) | Should -Be @(
            'EXCH01\Administrator|S-1-5-21-1004336348-1177238915-682003330-500|User|Local'
            "CONTOSO\Domain Admins|$contoso-512|Group|ActiveDirectory"
            'S-1-5-21-111-222-333-1105|S-1-5-21-111-222-333-1105|User|Unknown'
            'AzureAD\alice@contoso.com|S-1-12-1-1-2-3-4|User|AzureAD'
            'NT AUTHORITY\INTERACTIVE|S-1-5-4|Group|Unknown'
        )
    }

    It 'is not collected, with both errors, when the WinNT provider fails too' {
        Mock Get-LocalGroupMember { Write-Error -ErrorRecord (New-ExreadyLocalGroupMemberError) }
        Mock Get-ExreadyWinNTGroupMembers { throw 'Exception calling "Invoke" with "1" argument(s): "Access is denied."' }
        $part = Get-RemotedPart -GroupSid 'S-1-5-32-544'
        $part.status | Should -Be 'not-collected'
        $part.error | Should -BeLike '*Failed to compare two elements in the array.*Access is denied.*'
    }
}
