# Reads, from the jump host, the domain principals that are direct members of the Exchange servers' local groups, by SID, and
# lists every group's members breadth first. The admin's Kerberos ticket is first-hand here; from an Exchange server the same
# LDAP read is a second hop. Each object is read once per run however many servers and groups list it; one unreadable group
# costs that group only. Collects only: the member attribute, as AD holds it (it does not list primary-group members).
# Needs Resolve-ExreadyAccount.ps1.

# NetBIOS domain names by naming context, from the forest's crossRef objects: a member is named with its own domain.
function Get-ExreadyDomainNetbiosNames {
    $names = @{}
    try {
        $configuration = [string]([adsi]'LDAP://RootDSE').Properties['configurationNamingContext'].Value
        $searcher = [adsisearcher]'(&(objectClass=crossRef)(nETBIOSName=*))'
        $searcher.SearchRoot = [adsi]('LDAP://CN=Partitions,' + $configuration)
        foreach ($attribute in @('nCName', 'nETBIOSName')) { [void]$searcher.PropertiesToLoad.Add($attribute) }
        foreach ($result in $searcher.FindAll()) {
            $names[([string]$result.Properties['ncname'][0]).ToLowerInvariant()] = [string]$result.Properties['netbiosname'][0]
        }
    } catch {
        # Names only: without the crossRefs, members are named through LSA or their DNS domain instead.
        $names = @{}
    }
    $names
}

# DOMAIN\sAMAccountName in the member's own domain; a foreignSecurityPrincipal by its SID's translation, else the SID itself.
function Get-ExreadyPrincipalName {
    param([string]$DistinguishedName, [string]$SamAccountName, [string]$Sid, [bool]$Foreign, [hashtable]$DomainNames)

    if ($Foreign) {
        $resolved = Resolve-ExreadyAccountName -Sid $Sid
        if ($resolved) { return $resolved }
        return $Sid
    }
    $domainDn = ''
    if ($DistinguishedName -match '(?i)(DC=[^,]+(,DC=[^,]+)*)$') { $domainDn = $Matches[1] }
    $netbios = $DomainNames[$domainDn.ToLowerInvariant()]
    if ($netbios -and $SamAccountName) { return $netbios + '\' + $SamAccountName }
    if ($Sid) {
        $resolved = Resolve-ExreadyAccountName -Sid $Sid
        if ($resolved) { return $resolved }
    }
    if ($SamAccountName -and $domainDn) { return ((($domainDn -split ',') | ForEach-Object { $_.Substring(3) }) -join '.') + '\' + $SamAccountName }
    $DistinguishedName
}

# One AD object, bound by path; throws the bind error (RefreshCache is a method: an indexer would swallow it and read $null).
function Read-ExreadyDirectoryPrincipal {
    param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][hashtable]$DomainNames)

    $entry = [adsi]$Path
    $entry.RefreshCache([string[]]@('distinguishedName', 'objectClass', 'objectSid', 'sAMAccountName', 'member'))
    $dn = [string]$entry.Properties['distinguishedName'].Value
    $classes = @($entry.Properties['objectClass'] | ForEach-Object { [string]$_ })
    $objectClass = 'Unknown'
    if ($classes -contains 'computer') { $objectClass = 'Computer' }
    elseif ($classes -contains 'group') { $objectClass = 'Group' }
    elseif ($classes -contains 'user') { $objectClass = 'User' }
    $sid = $null
    $sidBytes = $entry.Properties['objectSid'].Value
    if ($sidBytes) { $sid = ConvertFrom-ExreadySidBytes -Bytes $sidBytes }
    $nameArguments = @{
        DistinguishedName = $dn
        SamAccountName    = [string]$entry.Properties['sAMAccountName'].Value
        Sid               = $sid
        Foreign           = ($classes -contains 'foreignSecurityPrincipal')
        DomainNames       = $DomainNames
    }
    [pscustomobject]@{
        distinguishedName = $dn
        name              = (Get-ExreadyPrincipalName @nameArguments)
        sid               = $sid
        objectClass       = $objectClass
        member            = @($entry.Properties['member'] | ForEach-Object { [string]$_ })
    }
}

# Reads each path once per run: the same object answers (or fails) the same way for every group and server that lists it.
function Read-ExreadyCachedPrincipal {
    param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][hashtable]$Cache, [Parameter(Mandatory)][hashtable]$DomainNames)

    $key = $Path.ToLowerInvariant()
    if (-not $Cache.ContainsKey($key)) {
        try {
            $read = @{ principal = (Read-ExreadyDirectoryPrincipal -Path $Path -DomainNames $DomainNames) }
            $Cache[$key] = $read
            # The same object, whether a server names it by SID or a group lists it by DN.
            $Cache[('LDAP://' + $read.principal.distinguishedName.Replace('/', '\/')).ToLowerInvariant()] = $read
            if ($read.principal.sid) { $Cache[('LDAP://<SID=' + $read.principal.sid + '>').ToLowerInvariant()] = $read }
        } catch {
            $Cache[$key] = @{ error = ([string]$_.Exception.GetBaseException().Message).Trim() }
        }
    }
    if ($Cache[$key].ContainsKey('error')) { throw $Cache[$key].error }
    $Cache[$key].principal
}

# Every member below a group, breadth first; via is the chain of nested groups below the root (the root itself not in it).
function Get-ExreadyNestedMembers {
    param([Parameter(Mandatory)]$Root, [Parameter(Mandatory)][hashtable]$Cache, [Parameter(Mandatory)][hashtable]$DomainNames)

    $members = New-Object System.Collections.Generic.List[object]
    # Seeded with the root: a group that contains the root again (a cycle) does not list the root as its own member.
    $seen = @{ ($Root.distinguishedName.ToLowerInvariant()) = $true }
    $queue = New-Object System.Collections.Queue
    $queue.Enqueue([pscustomobject]@{ group = $Root; via = [string[]]@() })
    while ($queue.Count -gt 0) {
        $item = $queue.Dequeue()
        foreach ($dn in $item.group.member) {
            if ($seen.ContainsKey($dn.ToLowerInvariant())) { continue }
            $seen[$dn.ToLowerInvariant()] = $true
            try {
                $principal = Read-ExreadyCachedPrincipal -Path ('LDAP://' + $dn.Replace('/', '\/')) -Cache $Cache -DomainNames $DomainNames
            } catch {
                # Unreadable (another domain's DC out of reach, an ACL): kept, marked, and it may be a group.
                $members.Add([pscustomobject]@{
                        name = $dn; sid = $null; objectClass = 'Unknown'; via = $item.via
                        expansion = [pscustomobject]@{ status = 'not-expanded'; error = [string]$_.Exception.Message }
                    })
                continue
            }
            $member = [ordered]@{ name = $principal.name; sid = $principal.sid; objectClass = $principal.objectClass; via = $item.via }
            if ($principal.objectClass -eq 'Group') {
                $member.expansion = [pscustomobject]@{ status = 'expanded' }
                $queue.Enqueue([pscustomobject]@{ group = $principal; via = [string[]]($item.via + $principal.name) })
            }
            $members.Add([pscustomobject]$member)
        }
    }
    , $members.ToArray()
}

# One result per SID: what AD calls it, and its members (a user or computer has none), or the error that stopped reading it.
function Expand-ExreadyDomainGroups {
    [CmdletBinding()]
    param([string[]]$Sids = @())

    $domainNames = Get-ExreadyDomainNetbiosNames
    $cache = @{}
    $done = @{}
    foreach ($sid in $Sids) {
        if ($done.ContainsKey($sid.ToUpperInvariant())) { continue }
        $done[$sid.ToUpperInvariant()] = $true
        try {
            $root = Read-ExreadyCachedPrincipal -Path "LDAP://<SID=$sid>" -Cache $cache -DomainNames $domainNames
        } catch {
            [pscustomobject]@{ sid = $sid; objectClass = $null; members = [pscustomobject]@{ status = 'not-collected'; error = [string]$_.Exception.Message } }
            continue
        }
        $members = @()
        if ($root.objectClass -eq 'Group') { $members = Get-ExreadyNestedMembers -Root $root -Cache $cache -DomainNames $domainNames }
        [pscustomobject]@{ sid = $sid; objectClass = $root.objectClass; members = [pscustomobject]@{ status = 'collected'; value = @($members) } }
    }
}
