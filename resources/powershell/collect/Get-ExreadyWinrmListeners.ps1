# Get-WSManInstance winrm/config/listener -Enumerate: every listener, values kept as the text WSMan hands over.
function Get-ExreadyWinrmListeners {
    [CmdletBinding()]
    param()

    Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate -ErrorAction Stop | ForEach-Object {
        # Source is "GPO" for a listener Group Policy created (and "Compatibility" for the legacy one).
        $source = $null
        if ($_.PSObject.Properties['Source'] -and $_.Source) { $source = [string]$_.Source }
        [pscustomobject]@{
            address               = [string]$_.Address
            transport             = [string]$_.Transport
            port                  = [string]$_.Port
            hostname              = [string]$_.Hostname
            enabled               = [string]$_.Enabled
            certificateThumbprint = [string]$_.CertificateThumbprint
            source                = $source
        }
    }
}
