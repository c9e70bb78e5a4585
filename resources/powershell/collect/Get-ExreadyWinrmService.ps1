# Get-Service WinRM: status and start type as their enum numbers (the TS normaliser names them).
function Get-ExreadyWinrmService {
    [CmdletBinding()]
    param()

    $service = Get-Service -Name WinRM -ErrorAction Stop
    [pscustomobject]@{
        status    = [int]$service.Status
        startType = [int]$service.StartType
    }
}
