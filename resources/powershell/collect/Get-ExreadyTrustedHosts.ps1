# WSMan:\localhost\Client\TrustedHosts of this machine's WinRM client (a sync server, or an Exchange server itself): the raw value and its SourceOfValue.
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
