# Account names and SIDs as Windows translates them on the jump host (LSA: it knows the trusted domains' names).

# The sync service account's SID, so the rules match it by SID (a same-named user of another domain is another account).
function Resolve-ExreadyAccountSid {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Name)

    (New-Object System.Security.Principal.NTAccount($Name)).Translate([System.Security.Principal.SecurityIdentifier]).Value
}

# DOMAIN\name of a SID, or $null when Windows cannot translate it (an orphaned SID, an unreachable trusted forest).
function Resolve-ExreadyAccountName {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$Sid)

    try {
        (New-Object System.Security.Principal.SecurityIdentifier($Sid)).Translate([System.Security.Principal.NTAccount]).Value
    } catch {
        $null
    }
}

# objectSid bytes as S-1-5-21-...: revision, sub-authority count, 48-bit big-endian authority, little-endian sub-authorities.
function ConvertFrom-ExreadySidBytes {
    [CmdletBinding()]
    param([Parameter(Mandatory)][byte[]]$Bytes)

    $authority = [long]0
    for ($i = 2; $i -lt 8; $i++) { $authority = $authority * 256 + $Bytes[$i] }
    $text = 'S-' + $Bytes[0] + '-' + $authority
    for ($i = 0; $i -lt $Bytes[1]; $i++) { $text += '-' + [BitConverter]::ToUInt32($Bytes, 8 + 4 * $i) }
    $text
}
