# Runs Enable-PSRemoting -SkipNetworkProfileCheck where microsoft.powershell is missing, disabled or lets no group in.
# Decides from SecurityDescriptorSddl by SID: Permission is translated into the server's language and is display only.
# Enable-PSRemoting re-registers microsoft.powershell and restarts WinRM, which would end the very session that carries
# the result: it is left to a one-shot scheduled task that waits for this session to end, so the result line comes first.
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue).
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
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'

    # Whether a remote caller in Administrators or Remote Management Users may open a session, read from the DACL by SID
    # (the rule psremoting.sessionconfig reads it the same way): it needs Execute and Read (GA holds both); a deny ACE
    # on a SID it holds (the group, NETWORK, Everyone, Authenticated Users) that takes either away wins; an empty DACL
    # grants nothing; a NULL DACL (no D: part or D:NO_ACCESS_CONTROL) grants everyone. problem names what cannot be read.
    $judge = {
        param([string]$Sddl)
        if ([string]::IsNullOrEmpty($Sddl)) { return @{ healthy = $false; problem = 'SecurityDescriptorSddl is empty' } }
        $parts = @{}
        $current = $null
        $depth = 0
        for ($i = 0; $i -lt $Sddl.Length; $i++) {
            $char = [string]$Sddl[$i]
            if ($depth -eq 0 -and $i + 1 -lt $Sddl.Length -and [string]$Sddl[$i + 1] -eq ':' -and 'OGDS'.Contains($char)) { $current = $char; $parts[$char] = ''; $i++; continue }
            if ($null -eq $current) { return @{ healthy = $false; problem = "SecurityDescriptorSddl '$Sddl' is not SDDL" } }
            if ($char -eq '(') { $depth++ } elseif ($char -eq ')') { $depth-- }
            $parts[$current] += $char
        }
        if ($depth -ne 0) { return @{ healthy = $false; problem = "SecurityDescriptorSddl '$Sddl' has an unclosed ACE" } }
        if (-not $parts.ContainsKey('D')) { return @{ healthy = $true; problem = $null } }
        $dacl = [regex]::Match($parts['D'], '^([A-Z_]*)((?:\([^()]*\))*)$', 'IgnoreCase')
        if (-not $dacl.Success) { return @{ healthy = $false; problem = "the D: part '$($parts['D'])' cannot be read" } }
        if ($dacl.Groups[1].Value -match 'NO_ACCESS_CONTROL') { return @{ healthy = $true; problem = $null } }
        $aliases = @{ WD = 'S-1-1-0'; NU = 'S-1-5-2'; IU = 'S-1-5-4'; AU = 'S-1-5-11'; SY = 'S-1-5-18'; BA = 'S-1-5-32-544'; BU = 'S-1-5-32-545'; RM = 'S-1-5-32-580' }
        # GENERIC_ALL, GENERIC_EXECUTE, GENERIC_WRITE, GENERIC_READ as Int64 (hex 0x80000000 would read as a negative Int32).
        $generic = @{ GA = [long]268435456; GX = [long]536870912; GW = [long]1073741824; GR = [long]2147483648 }
        $aces = @()
        foreach ($match in [regex]::Matches($dacl.Groups[2].Value, '\(([^()]*)\)')) {
            $fields = $match.Groups[1].Value.Split(';')
            if ($fields.Count -lt 6) { return @{ healthy = $false; problem = "ACE ($($match.Groups[1].Value)) does not have six fields" } }
            $type = $fields[0].ToUpperInvariant()
            if (@('A', 'OA', 'D', 'OD') -notcontains $type) { return @{ healthy = $false; problem = "ACE ($($match.Groups[1].Value)) has type $type, which cannot be evaluated" } }
            # Inherit-only ACEs do not apply to the configuration itself.
            if ($fields[1].ToUpperInvariant() -match '^(..)*IO') { continue }
            $rights = $fields[2].ToUpperInvariant()
            $mask = [long]0
            if ($rights -match '^0X[0-9A-F]+$') { $mask = [Convert]::ToInt64($rights.Substring(2), 16) }
            elseif ($rights -match '^(GA|GX|GW|GR)*$') {
                foreach ($pair in [regex]::Matches($rights, '..')) { $mask = $mask -bor $generic[$pair.Value] }
            } else { return @{ healthy = $false; problem = "ACE ($($match.Groups[1].Value)) has unknown rights $rights" } }
            $sid = $fields[5].ToUpperInvariant()
            if ($aliases.ContainsKey($sid)) { $sid = $aliases[$sid] }
            $aces += [pscustomobject]@{ deny = ($type -eq 'D' -or $type -eq 'OD'); sid = $sid; all = ($mask -band $generic.GA) -ne 0; execute = ($mask -band $generic.GX) -ne 0; read = ($mask -band $generic.GR) -ne 0 }
        }
        foreach ($group in 'S-1-5-32-544', 'S-1-5-32-580') {
            $held = @($group, 'S-1-5-2', 'S-1-1-0', 'S-1-5-11')
            $applying = @($aces | Where-Object { $held -contains $_.sid })
            if (@($applying | Where-Object { $_.deny -and ($_.all -or $_.execute -or $_.read) }).Count -gt 0) { continue }
            $allowed = @($applying | Where-Object { -not $_.deny })
            $execute = @($allowed | Where-Object { $_.all -or $_.execute }).Count -gt 0
            $read = @($allowed | Where-Object { $_.all -or $_.read }).Count -gt 0
            if ($execute -and $read) { return @{ healthy = $true; problem = $null } }
        }
        @{ healthy = $false; problem = $null }
    }

    $c = Get-PSSessionConfiguration -Name microsoft.powershell -ErrorAction SilentlyContinue
    $before = if ($null -eq $c) { [ordered]@{ registered = $false; enabled = $false; sddl = $null; permission = $null } } else { [ordered]@{ registered = $true; enabled = ([string]$c.Enabled -eq 'True'); sddl = [string]$c.SecurityDescriptorSddl; permission = [string]$c.Permission } }
    $verdict = @{ healthy = $false; problem = $null }
    if ($before.registered) { $verdict = & $judge $before.sddl }
    if ($null -ne $verdict.problem) {
        # A DACL that cannot be read may hold deliberate entries: resetting it would throw them away unseen.
        return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = 'The session permissions cannot be read: nothing was changed.'; error = [string]$verdict.problem }
    }
    if ($before.enabled -and $verdict.healthy) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = 'Remoting is already on and microsoft.powershell lets Administrators or Remote Management Users in.'; error = $null } }

    # A process started from this session dies with it; a task of the Task Scheduler service outlives it.
    $task = 'ExReady-Enable-PSRemoting'
    $command = "Wait-Process -Id $PID -Timeout 120 -ErrorAction SilentlyContinue; Enable-PSRemoting -Force -SkipNetworkProfileCheck; Unregister-ScheduledTask -TaskName '$task' -Confirm:`$false"
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -NonInteractive -EncodedCommand $([Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($command)))"
    $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest
    Register-ScheduledTask -TaskName $task -Action $action -Principal $principal -Force | Out-Null
    Start-ScheduledTask -TaskName $task
    # The defaults Enable-PSRemoting registers; Permission is left to the server to print in its language.
    $after = [ordered]@{ registered = $true; enabled = $true; sddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)'; permission = $null }
    [pscustomobject]@{ status = 'applied'; before = $before; after = $after; message = "Enable-PSRemoting restores microsoft.powershell once this session has ended (scheduled task $task, within 120 s); collect again to confirm."; error = $null }
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
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $(if ($null -ne $result.error) { [string]$result.error } else { $null }) }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
