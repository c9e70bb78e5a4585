# Get-ChildItem Cert:\LocalMachine\My: what the listener check needs of each certificate (no private key material).
function Get-ExreadyCertificates {
    [CmdletBinding()]
    param()

    Get-ChildItem -Path 'Cert:\LocalMachine\My' -ErrorAction Stop | ForEach-Object {
        $dnsNames = @($_.DnsNameList | ForEach-Object { [string]$_.Unicode })
        $usages = @($_.EnhancedKeyUsageList | ForEach-Object { [string]$_.ObjectId })
        [pscustomobject]@{
            thumbprint        = [string]$_.Thumbprint
            subject           = [string]$_.Subject
            dnsNames          = $dnsNames
            # DateTime prints as \/Date(ms)\/ (UTC milliseconds) in PS 5.1.
            notBefore         = $_.NotBefore.ToUniversalTime()
            notAfter          = $_.NotAfter.ToUniversalTime()
            hasPrivateKey     = [bool]$_.HasPrivateKey
            enhancedKeyUsages = $usages
        }
    }
}
