# Rebinds the HTTPS listener on 5986 to another LocalMachine\My certificate (undo: the thumbprint it had).
# Refuses a certificate WinRM could not serve TLS with: no private key, not valid now, not for Server Authentication,
# or not naming the listener's host name.
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
    $field = 'thumbprint'
    $value = $Request.thumbprint
    if ($null -ne $Request.restore) { $field = 'restore.before.thumbprint'; $value = $Request.restore.before.thumbprint }
    if (-not ($value -is [string] -and $value -match '^[0-9A-Fa-f]{40}$')) { return "${field}: '$value' is not a certificate thumbprint (40 hex digits)" }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $selector = @{ Address = '*'; Transport = 'HTTPS' }
    $listener = Get-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector
    $read = { [ordered]@{ thumbprint = [string](Get-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector).CertificateThumbprint } }
    $before = [ordered]@{ thumbprint = [string]$listener.CertificateThumbprint }
    if ($listener.PSObject.Properties['Source'] -and [string]$listener.Source -eq 'GPO') { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = 'Group Policy defines the HTTPS listener: change its certificate in the policy.' } }
    $want = if ($null -ne $Request.restore) { [string]$Request.restore.before.thumbprint } else { [string]$Request.thumbprint }
    $want = $want.ToUpperInvariant()
    if ($before.thumbprint -eq $want) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = "The listener already uses $want." } }
    if ($null -eq $Request.restore) {
        $certificate = Get-Item -LiteralPath "Cert:\LocalMachine\My\$want" -ErrorAction SilentlyContinue
        if ($null -eq $certificate) { return [pscustomobject]@{ status = 'failed'; before = $before; after = $before; message = "Certificate $want is not in LocalMachine\My." } }
        $hostName = if ([string]$listener.Hostname) { [string]$listener.Hostname } else { [string]$Request.server }
        # What WinRM needs to serve TLS with it for this host name; the listener check applies the same.
        $reason = $null
        $now = [DateTime]::Now
        $usages = @($certificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.37' } | ForEach-Object { $_.EnhancedKeyUsages } | ForEach-Object { [string]$_.Value })
        $names = @([regex]::Matches([string]$certificate.Subject, '(?:^|,)\s*CN=([^,]+)') | ForEach-Object { $_.Groups[1].Value.Trim() })
        # The SAN's DNS names from its DER bytes (a SEQUENCE of GeneralName; dNSName is [2] IA5String): the same on every locale.
        foreach ($der in @($certificate.Extensions | Where-Object { $_.Oid.Value -eq '2.5.29.17' } | ForEach-Object { , [byte[]]$_.RawData })) {
            $at = 0
            $length = { $first = [int]$der[$at + 1]; if ($first -lt 128) { , @($first, 2) } else { $n = 0; for ($k = 0; $k -lt ($first - 128); $k++) { $n = $n * 256 + $der[$at + 2 + $k] }; , @($n, (2 + $first - 128)) } }
            $at += (& $length)[1]
            while ($at -lt $der.Length) {
                $size = & $length
                if ($der[$at] -eq 0x82) { $names += [Text.Encoding]::ASCII.GetString($der, $at + $size[1], $size[0]) }
                $at += $size[1] + $size[0]
            }
        }
        $wanted = $hostName.TrimEnd('.').ToLowerInvariant()
        $covered = @($names | Where-Object { $n = $_.TrimEnd('.').ToLowerInvariant(); $n -eq $wanted -or ($n -like '*.*.*' -and $n.StartsWith('*.') -and $n.IndexOf('*', 1) -lt 0 -and ($wanted -replace '^[^.]+', '*') -eq $n) })
        if (-not $certificate.HasPrivateKey) { $reason = 'its private key is not on the server' }
        elseif ($certificate.NotBefore -gt $now) { $reason = "it is not valid before $($certificate.NotBefore.ToString('u'))" }
        elseif ($certificate.NotAfter -le $now) { $reason = "it expired on $($certificate.NotAfter.ToString('u'))" }
        elseif ($usages.Count -gt 0 -and $usages -notcontains '1.3.6.1.5.5.7.3.1' -and $usages -notcontains '2.5.29.37.0') { $reason = "it is not for Server Authentication (1.3.6.1.5.5.7.3.1); its usages are $($usages -join ', ')" }
        elseif ($covered.Count -eq 0) { $reason = "it is issued to $(if ($names.Count -gt 0) { $names -join ', ' } else { 'no DNS name' }), not to the listener host name $hostName" }
        if ($null -ne $reason) { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = "Certificate $want cannot serve the listener: $reason." } }
    }
    Set-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet @{ CertificateThumbprint = $want } | Out-Null
    $after = & $read
    [pscustomobject]@{ status = $(if ($after.thumbprint -eq $want) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "The listener now uses $($after.thumbprint)." }
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
