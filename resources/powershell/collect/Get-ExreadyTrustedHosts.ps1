# WSMan:\localhost\Client\TrustedHosts on a sync server: the raw comma-separated value and its SourceOfValue.
function Get-ExreadyTrustedHosts {
    [CmdletBinding()]
    param()

    $item = Get-Item -Path 'WSMan:\localhost\Client\TrustedHosts' -ErrorAction Stop
    $source = $null
    if ($item.PSObject.Properties['SourceOfValue'] -and $item.SourceOfValue) { $source = [string]$item.SourceOfValue }
    [pscustomobject]@{
        value  = [string]$item.Value
        source = $source
    }
}
