# Creates the WinRM HTTPS listener on 5986 with a LocalMachine\My certificate, or a self-signed one when the admin chose it
# explicitly (undo: removes the listener it created). Refuses a certificate WinRM could not serve TLS with.
# Connects over HTTPS 5986; over HTTP 5985 only when the plan says transport "http" (no HTTPS listener exists yet).
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
    if ($null -ne $Request.transport -and @('https', 'http') -cnotcontains $Request.transport) { return "transport: '$($Request.transport)' is neither https nor http" }
    if ($null -ne $Request.restore) { return $null }
    if ($null -ne $Request.hostname -and -not ($Request.hostname -is [string] -and $Request.hostname -match $dns)) { return "hostname: '$($Request.hostname)' is not a DNS name" }
    if ($null -ne $Request.selfSigned -and $Request.selfSigned -isnot [bool]) { return "selfSigned: '$($Request.selfSigned)' is not true or false" }
    if ($null -ne $Request.thumbprint -and -not ($Request.thumbprint -is [string] -and $Request.thumbprint -match '^[0-9A-Fa-f]{40}$')) { return "thumbprint: '$($Request.thumbprint)' is not a certificate thumbprint (40 hex digits)" }
    if (($null -eq $Request.thumbprint) -eq ($Request.selfSigned -ne $true)) { return 'thumbprint: give exactly one of a thumbprint from LocalMachine\My or selfSigned true' }
    $null
}

$change = {
    param($Request)
    $ErrorActionPreference = 'Stop'
    $read = {
        $l = Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Transport -eq 'HTTPS' -and [string]$_.Port -eq '5986' } | Select-Object -First 1
        if ($null -eq $l) { [ordered]@{ listener = $null } } else { [ordered]@{ listener = [ordered]@{ hostname = [string]$l.Hostname; thumbprint = [string]$l.CertificateThumbprint } } }
    }
    $before = & $read
    $selector = @{ Address = '*'; Transport = 'HTTPS' }
    if ($null -ne $Request.restore) {
        if ($null -eq $before.listener) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = 'There is no HTTPS listener to remove.' } }
        Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector
        $after = & $read
        return [pscustomobject]@{ status = $(if ($null -eq $after.listener) { 'applied' } else { 'failed' }); before = $before; after = $after; message = 'Removed the HTTPS listener on 5986.' }
    }
    if ($null -ne $before.listener) { return [pscustomobject]@{ status = 'unchanged'; before = $before; after = $before; message = 'An HTTPS listener on 5986 already exists: nothing to create.' } }
    $hostName = if ($Request.hostname) { [string]$Request.hostname } else { [string]$Request.server }
    if ($Request.selfSigned -eq $true) {
        $certificate = New-SelfSignedCertificate -DnsName $hostName -CertStoreLocation Cert:\LocalMachine\My
    } else {
        $certificate = Get-Item -LiteralPath "Cert:\LocalMachine\My\$(([string]$Request.thumbprint).ToUpperInvariant())" -ErrorAction SilentlyContinue
        if ($null -eq $certificate) { return [pscustomobject]@{ status = 'failed'; before = $before; after = $before; message = "Certificate $($Request.thumbprint) is not in LocalMachine\My." } }
    }
    $thumbprint = [string]$certificate.Thumbprint
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
    if ($null -ne $reason) { return [pscustomobject]@{ status = 'refused'; before = $before; after = $before; message = "Certificate $thumbprint cannot serve the listener: $reason." } }
    New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet @{ Hostname = $hostName; CertificateThumbprint = $thumbprint } | Out-Null
    $after = & $read
    $ok = $null -ne $after.listener -and $after.listener.thumbprint -eq $thumbprint
    [pscustomobject]@{ status = $(if ($ok) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "Created the HTTPS listener for $hostName with certificate $thumbprint." }
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
        # HTTPS 5986 as the collection connects; HTTP 5985 only to create the HTTPS listener where none exists yet.
        $remoting = @{ ComputerName = [string]$request.server; UseSSL = $true; Port = 5986 }
        if ($request.transport -ceq 'http') { $remoting = @{ ComputerName = [string]$request.server; Port = 5985 } }
        $result = Invoke-Command @remoting -ScriptBlock $change -ArgumentList $request
        $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
    }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
