# WSMan:\localhost\Service\Auth\CbtHardeningLevel with SourceOfValue ("GPO" when Group Policy owns it).
function Get-ExreadyWinrmServiceAuth {
    [CmdletBinding()]
    param()

    $item = Get-Item -Path 'WSMan:\localhost\Service\Auth\CbtHardeningLevel' -ErrorAction Stop
    $source = $null
    if ($item.PSObject.Properties['SourceOfValue'] -and $item.SourceOfValue) { $source = [string]$item.SourceOfValue }
    [pscustomobject]@{
        cbtHardeningLevel       = [string]$item.Value
        cbtHardeningLevelSource = $source
    }
}
