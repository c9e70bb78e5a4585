# Creates the WinRM HTTPS listener on 5986 with a LocalMachine\My certificate, or a self-signed one when the admin chose it
# explicitly (undo: removes the listener it created).
# Runs on Windows PowerShell 5.1. Parameters arrive as one base64 UTF-8 JSON argument (see the fix catalogue);
# "restore" holds {before, after} of an audit entry when the change is being undone.
# Reads the current value first and changes nothing when the desired state is already there.
# Prints one JSON line {exreadyResult, status (applied|unchanged|refused|failed), changed, before, after, message, error}.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
$request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json

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
    $hostname = if ($Request.hostname) { [string]$Request.hostname } else { [string]$Request.server }
    $thumbprint = [string]$Request.thumbprint
    if ($Request.selfSigned -eq $true) {
        $thumbprint = (New-SelfSignedCertificate -DnsName $hostname -CertStoreLocation Cert:\LocalMachine\My).Thumbprint
    } elseif (-not (Test-Path -LiteralPath "Cert:\LocalMachine\My\$thumbprint")) {
        return [pscustomobject]@{ status = 'failed'; before = $before; after = $before; message = "Certificate $thumbprint is not in LocalMachine\My." }
    }
    New-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet $selector -ValueSet @{ Hostname = $hostname; CertificateThumbprint = $thumbprint } | Out-Null
    $after = & $read
    $ok = $null -ne $after.listener -and $after.listener.thumbprint -eq $thumbprint
    [pscustomobject]@{ status = $(if ($ok) { 'applied' } else { 'failed' }); before = $before; after = $after; message = "Created the HTTPS listener for $hostname with certificate $thumbprint." }
}

try {
    $computer = $request.server
    $result = if ($null -eq $computer) { & $change $request } else { Invoke-Command -ComputerName $computer -ScriptBlock $change -ArgumentList $request }
    $out = [ordered]@{ exreadyResult = 1; status = [string]$result.status; changed = ([string]$result.status -eq 'applied'); before = $result.before; after = $result.after; message = [string]$result.message; error = $null }
} catch {
    # Access denied is the server refusing; anything else (timeout, missing cmdlet) is a failure; nothing counts as done.
    $denied = ($_.Exception -is [UnauthorizedAccessException]) -or ([string]$_.Exception.Message -match 'Access is denied')
    $out = [ordered]@{ exreadyResult = 1; status = $(if ($denied) { 'refused' } else { 'failed' }); changed = $false; before = $null; after = $null; message = ''; error = [string]$_.Exception.Message }
}
$out | ConvertTo-Json -Compress -Depth 6
