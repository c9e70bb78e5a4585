# Get-WSManInstance winrm/config/listener -Enumerate: every listener, values kept as the text WSMan hands over.
function Get-ExreadyWinrmListeners {
    [CmdletBinding()]
    param()

    $listeners = @(Get-WSManInstance -ResourceURI winrm/config/listener -Enumerate -ErrorAction Stop | ForEach-Object {
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
        })
    # Always one array, also when empty (no listener at all): an empty pipeline would cross remoting as null instead of [].
    , [object[]]$listeners
}
