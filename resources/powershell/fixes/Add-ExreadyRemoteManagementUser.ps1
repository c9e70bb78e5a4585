# Adds the sync account to Remote Management Users (S-1-5-32-580, whatever its localised name) (undo: removes it again).
# Membership is decided by SID: OTHER\svc is not CONTOSO\svc.
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the current value first and changes nothing when the desired state is already there.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'

# Why the request cannot run, naming the field; $null when it can. A fix never runs on this machine by default.
$invalid = {
    param($Request)
    if ($Request -isnot [System.Management.Automation.PSCustomObject]) { return 'ParametersBase64: the JSON is not an object' }
    if ($null -eq $Request.server -or '' -eq $Request.server) { return 'server: missing; name the Exchange server to change' }
    $dns = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$'
    if (-not ($Request.server -is [string] -and ($Request.server -match $dns -or ($Request.server -match ':' -and $null -ne ($Request.server -as [ipaddress]))))) { return "server: '$($Request.server)' is not a DNS name or IP address" }
    if ($null -ne $Request.transport -and $Request.transport -cne 'https') { return "transport: '$($Request.transport)' is not https; only the HTTPS listener fixes may connect over HTTP 5985" }
    # DOMAIN\name, name@domain or a SID; the name part without the characters Windows forbids in an account name.
    $account = $Request.account
    $valid = $account -is [string] -and (
        $account -match '^[A-Za-z0-9][A-Za-z0-9.-]{0,14}\\[^"/\\\[\]:;|=,+*?<>@]{1,20}$' -or
        $account -match '^[^"/\\\[\]:;|=,+*?<>@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$' -or
        $account -match '^S-1-\d+(-\d+){1,14}$')
    if (-not $valid) { return "account: '$account' is not DOMAIN\name, name@domain or a SID" }
    if ($null -ne $Request.restore -and $Request.restore.before.member -isnot [bool]) { return "restore.before.member: '$($Request.restore.before.member)' is not true or false" }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    # The account's SID as Windows resolves it (LookupAccountName): the identity a group member is compared by.
    function Resolve-ExreadyAccountSid {
        param([string]$Account)
        if ($Account -match '^S-1-\d+(-\d+)+$') { return ([System.Security.Principal.SecurityIdentifier]$Account).Value }
        ([System.Security.Principal.NTAccount]$Account).Translate([System.Security.Principal.SecurityIdentifier]).Value
    }
    $group = 'S-1-5-32-580'
    $account = [string]$Request.account
    $sid = [string](Resolve-ExreadyAccountSid -Account $account)
    $groupName = [string](Get-LocalGroup -SID $group).Name
    $read = { [ordered]@{ member = [bool](@(Get-LocalGroupMember -SID $group) | Where-Object { [string]$_.SID.Value -eq $sid }) } }
    $before = & $read
    $want = if ($null -ne $Request.restore) { [bool]$Request.restore.before.member } else { $true }
    if ($before.member -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "$account ($sid) is already $(if ($want) { 'a member' } else { 'not a member' }) of $groupName." } }
    if ($want) { Add-LocalGroupMember -SID $group -Member $sid } else { Remove-LocalGroupMember -SID $group -Member $sid }
    $after = & $read
    [pscustomobject]@{ status = $(if ($after.member -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "$account ($sid) is $(if ($after.member) { 'now a member' } else { 'no longer a member' }) of $groupName." }
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
        # HTTPS 5986, as the collection connects.
        $result = Invoke-Command -ComputerName ([string]$request.server) -UseSSL -Port 5986 -ScriptBlock $change -ArgumentList $request
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
