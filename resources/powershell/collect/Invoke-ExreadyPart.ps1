# Runs one collector part: its value, or the error that stopped it, so one failing cmdlet costs one check, never the server.
function Invoke-ExreadyPart {
    [CmdletBinding()]
    param([Parameter(Mandatory)][scriptblock]$Collect)

    $ErrorActionPreference = 'Stop'
    try {
        # @() always yields an array: an empty pipeline would leave AutomationNull, which remoting serialises as {}.
        $items = @(& $Collect)
        $value = $null
        if ($items.Count -eq 1) { $value = $items[0] } elseif ($items.Count -gt 1) { $value = $items }
        # Nothing is $null and one item is the item itself, as PS 5.1 shapes pipeline output (the TS normaliser absorbs both).
        [pscustomobject]@{ status = 'collected'; value = $value }
    } catch {
        [pscustomobject]@{ status = 'not-collected'; error = [string]$_.Exception.Message }
    }
}
