# The direct members of a built-in local group (by SID: names are localised), each with its SID. Nothing is read from AD
# here: from this remote session that would be a second hop Kerberos refuses without delegation, so the jump host expands
# the domain groups (Expand-ExreadyDomainGroups.ps1). Prints raw values: ObjectClass is Get-LocalGroupMember's (localised) text.
function Get-ExreadyLocalGroupMembers {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$GroupSid)

    try {
        $members = @(Get-LocalGroupMember -SID $GroupSid -ErrorAction Stop | ForEach-Object {
                $sid = $null
                if ($_.SID) { $sid = [string]$_.SID.Value }
                $source = $null
                if ($_.PrincipalSource) { $source = [string]$_.PrincipalSource }
                [pscustomobject]@{ name = [string]$_.Name; sid = $sid; objectClass = [string]$_.ObjectClass; principalSource = $source }
            })
    } catch {
        # One orphaned or Azure AD SID makes Get-LocalGroupMember fail for the whole group (PowerShell/PowerShell#2996), and
        # Windows Server 2012 R2 has no LocalAccounts module: the WinNT provider lists the same members with their SIDs.
        $first = [string]$_.Exception.Message
        try {
            $members = @(Get-ExreadyWinNTGroupMembers -GroupSid $GroupSid | ForEach-Object { ConvertFrom-ExreadyWinNTMember -Member $_ })
        } catch {
            throw "Get-LocalGroupMember failed ($first), and so did the WinNT provider ($($_.Exception.Message))."
        }
    }
    # Always one array, also when empty: an empty pipeline would cross remoting as {} instead of [].
    , [object[]]$members
}

# The group's members as the WinNT provider sees them (COM objects, read here so the mapping below stays plain data).
function Get-ExreadyWinNTGroupMembers {
    param([Parameter(Mandatory)][string]$GroupSid)

    $account = (New-Object System.Security.Principal.SecurityIdentifier($GroupSid)).Translate([System.Security.Principal.NTAccount]).Value
    $group = [adsi]('WinNT://' + $env:COMPUTERNAME + '/' + $account.Split('\')[-1] + ',group')
    foreach ($member in @($group.psbase.Invoke('Members'))) {
        $type = $member.GetType()
        $sidBytes = [byte[]]$type.InvokeMember('objectSid', 'GetProperty', $null, $member, $null)
        [pscustomobject]@{
            AdsPath = [string]$type.InvokeMember('ADsPath', 'GetProperty', $null, $member, $null)
            Class   = [string]$type.InvokeMember('Class', 'GetProperty', $null, $member, $null)
            Sid     = (New-Object System.Security.Principal.SecurityIdentifier($sidBytes, 0)).Value
        }
    }
}

# WinNT://DOMAIN/name is a domain or well-known account, WinNT://DOMAIN/COMPUTER/name a local one, WinNT://S-1-... an orphaned SID.
function ConvertFrom-ExreadyWinNTMember {
    param([Parameter(Mandatory)]$Member)

    $parts = @(([string]$Member.AdsPath -replace '^WinNT://', '').Split('/') | Where-Object { $_ })
    $sid = [string]$Member.Sid
    $objectClass = 'Other'
    if (@('User', 'Group') -contains [string]$Member.Class) { $objectClass = [string]$Member.Class }
    $source = 'Unknown'
    if ($parts.Count -ge 3 -or ($parts.Count -eq 2 -and $parts[0] -eq $env:COMPUTERNAME)) { $source = 'Local' }
    elseif ($parts.Count -eq 2 -and $sid -like 'S-1-5-21-*') { $source = 'ActiveDirectory' }
    elseif ($sid -like 'S-1-12-1-*') { $source = 'AzureAD' }
    $name = $sid
    if ($parts.Count -ge 2) { $name = $parts[-2] + '\' + $parts[-1] }
    [pscustomobject]@{ name = $name; sid = $sid; objectClass = $objectClass; principalSource = $source }
}
