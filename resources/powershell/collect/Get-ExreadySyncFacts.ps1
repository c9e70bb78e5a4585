# The client side of a sync server: its TrustedHosts and its TCP connects to every Exchange server.
function Get-ExreadySyncFacts {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string[]]$Targets,
        [int]$TimeoutMilliseconds = 5000
    )

    [pscustomobject]@{
        trustedHosts = Invoke-ExreadyPart { Get-ExreadyTrustedHosts }
        reachability = @(Test-ExreadyTcpPorts -Targets $Targets -TimeoutMilliseconds $TimeoutMilliseconds)
    }
}
