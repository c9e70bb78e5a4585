# Sets TrustedForDelegation on the server's computer object from the jump host (ActiveDirectory module) (undo: the flag it had).
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the current value first and changes nothing when the desired state is already there.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'

# Why the request cannot run, naming the field; $null when it can. "server" names the computer object to change.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server whose computer object to change' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    # The computer object is found by its first label: an IP address names none.
    if (-not ($Request.server -is [string] -and $Request.server -match $dns -and $Request.server -notmatch '^[0-9.]+$')) { return "server: '$($Request.server)' is not the DNS name of a computer" }
    if ($null -ne $Request.restore -and $Request.restore.before.trustedForDelegation -isnot [bool]) { return "restore.before.trustedForDelegation: '$($Request.restore.before.trustedForDelegation)' is not true or false" }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    Import-Module ActiveDirectory
    $name = ([string]$Request.server -split '\.')[0]
    $read = { $c = Get-ADComputer -Identity $name -Properties @('TrustedForDelegation', 'userAccountControl'); [ordered]@{ trustedForDelegation = [bool]$c.TrustedForDelegation; userAccountControl = [int]$c.userAccountControl } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { [bool]$Request.restore.before.trustedForDelegation } else { $true }
    if ($before.trustedForDelegation -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "TrustedForDelegation is already $want." } }
    Get-ADComputer -Identity $name | Set-ADAccountControl -TrustedForDelegation $want
    $after = & $read
    [pscustomobject]@{ status = $(if ($after.trustedForDelegation -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "TrustedForDelegation is now $($after.trustedForDelegation)." }
}

try {
    $request = $null
    $problem = $null
    try { $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json }
    catch { $problem = "ParametersBase64: not base64 of UTF-8 JSON ($($_.Exception.Message))" }
    if ($null -eq $problem) { $problem = & $invalid $request }
    if ($null -ne $problem) {
        $out = [ordered]@{ exreadyResult = 1; status = 'refused'; changed = $false; before = $null; after = $null; message = 'The request is not valid: nothing was changed.'; error = [string]$problem }
    } else {
        # Active Directory is changed from this jump host: no session to the Exchange server.
        $result = & $change $request
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
