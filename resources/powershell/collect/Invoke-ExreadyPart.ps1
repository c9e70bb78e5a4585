# Runs one collector part: its value, or the error that stopped it, so one failing cmdlet costs one check, never the server.
function Invoke-ExreadyPart {
    [CmdletBinding()]
    param([Parameter(Mandatory)][scriptblock]$Collect)

    $ErrorActionPreference = 'Stop'
    try {
        # Pipeline output as PS 5.1 shapes it: nothing is $null, one item is the item itself (the TS normaliser absorbs both).
        $value = & $Collect
        [pscustomobject]@{ status = 'collected'; value = $value }
    } catch {
        [pscustomobject]@{ status = 'not-collected'; error = [string]$_.Exception.Message }
    }
}
