# Get-ChildItem Cert:\LocalMachine\My: what the listener check needs of each certificate (no private key material).
function Get-ExreadyCertificates {
    [CmdletBinding()]
    param()

    $certificates = @(Get-ChildItem -Path 'Cert:\LocalMachine\My' -ErrorAction Stop | ForEach-Object {
            # Read from the extensions themselves: PowerShell's DnsNameList parses the localised text of Format() and is
            # empty on a non-English Windows (PowerShell/PowerShell#24594), and both lists are empty off Windows.
            $dnsNames = @()
            $usages = @()
            if ($_.PSObject.Properties['Extensions']) {
                foreach ($extension in $_.Extensions) {
                    if ($extension.Oid.Value -eq '2.5.29.17') { $dnsNames = @(Get-ExreadySanDnsNames -Der $extension.RawData) }
                    if ($extension.Oid.Value -eq '2.5.29.37') {
                        $eku = New-Object System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension($extension, $extension.Critical)
                        $usages = @($eku.EnhancedKeyUsages | ForEach-Object { [string]$_.Value })
                    }
                }
            } else {
                # An object without extensions (the PowerShell lab's certificates) has only PowerShell's two lists.
                $dnsNames = @($_.DnsNameList | Where-Object { $_ } | ForEach-Object { [string]$_.Unicode })
                $usages = @($_.EnhancedKeyUsageList | Where-Object { $_ } | ForEach-Object { [string]$_.ObjectId })
            }
            [pscustomobject]@{
                thumbprint        = [string]$_.Thumbprint
                subject           = [string]$_.Subject
                dnsNames          = [object[]]$dnsNames
                # DateTime prints as \/Date(ms)\/ (UTC milliseconds) in PS 5.1.
                notBefore         = $_.NotBefore.ToUniversalTime()
                notAfter          = $_.NotAfter.ToUniversalTime()
                hasPrivateKey     = [bool]$_.HasPrivateKey
                enhancedKeyUsages = [object[]]$usages
            }
        })
    # Always one array, also when empty: an empty pipeline would cross remoting as null instead of [].
    , [object[]]$certificates
}

# The dNSName entries of a Subject Alternative Name, one string each (RFC 5280: SEQUENCE OF GeneralName, dNSName is [2] IA5String).
function Get-ExreadySanDnsNames {
    param([Parameter(Mandatory)][byte[]]$Der)

    $names = New-Object System.Collections.Generic.List[string]
    if ($Der.Length -lt 2 -or $Der[0] -ne 0x30) { return }
    $sequence = Read-ExreadyDerLength -Bytes $Der -Index 1
    $index = $sequence[1]
    $end = [Math]::Min($Der.Length, $index + $sequence[0])
    while ($index + 1 -lt $end) {
        $tag = $Der[$index]
        $item = Read-ExreadyDerLength -Bytes $Der -Index ($index + 1)
        if ($item[1] + $item[0] -gt $end) { break }
        if ($tag -eq 0x82) { $names.Add([System.Text.Encoding]::ASCII.GetString($Der, $item[1], $item[0])) }
        $index = $item[1] + $item[0]
    }
    $names.ToArray()
}

# A DER length at Index: (length, index of the first content byte); short form below 0x80, else 0x8n and n bytes.
function Read-ExreadyDerLength {
    param([byte[]]$Bytes, [int]$Index)

    $first = [int]$Bytes[$Index]
    if ($first -lt 0x80) { return @($first, ($Index + 1)) }
    $count = $first -band 0x7f
    $length = 0
    for ($offset = 1; $offset -le $count; $offset++) { $length = ($length * 256) + [int]$Bytes[$Index + $offset] }
    @($length, ($Index + 1 + $count))
}
