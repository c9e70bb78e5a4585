# Stand-ins for the remoting the connection-path proof drives: New-PSSession, Invoke-Command and Remove-PSSession as
# functions (a function outranks the cmdlet of the same name). Failures are thrown as the error records remoting
# writes: a PSRemotingTransportException with its ErrorCode, FullyQualifiedErrorId "<code or name>,PSSessionOpenFailed",
# category OpenError, and the message shape "Connecting to remote server X failed with the following error message : …".
# Arguments and results cross PSRP serialisation (ConvertTo-ExreadyRemoted), as they do on a real session.
# Each test sets $proofLab (a hashtable, so the stand-ins reach it from the script's scope):
#   syncFailure / hop1Failure / hop2Failure: an ErrorRecord to throw at that hop, or $null
#   cmdlets: the Exchange cmdlets the account's RBAC roles give it in hop 2 (Get-ExchangeServer or none)
#   calls: what each stand-in was called with; removed: the sessions closed.
. (Join-Path $PSScriptRoot 'Remoting.ps1')

function New-ExreadyProofLab {
    @{ syncFailure = $null; hop1Failure = $null; hop2Failure = $null; cmdlets = @('Get-ExchangeServer'); calls = @{}; removed = [System.Collections.ArrayList]::new() }
}

# The record New-PSSession writes when a connection fails; texts are WinRM's own (see the hop failure classes' sources).
function New-ExreadyRemotingFailure {
    param([string]$Computer, [string]$Text, [int]$ErrorCode, [string]$ErrorId)
    $message = "Connecting to remote server $Computer failed with the following error message : $Text For more information, see the about_Remote_Troubleshooting Help topic."
    $exception = New-Object System.Management.Automation.Remoting.PSRemotingTransportException -ArgumentList $message
    $exception.ErrorCode = $ErrorCode
    New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, "$ErrorId,PSSessionOpenFailed", ([System.Management.Automation.ErrorCategory]::OpenError), $null
}

# Get-ExchangeServer as the Exchange endpoint returns it, shaped after the Export-Clixml capture in microsoft/CSS-Exchange
# (MIT) e1e6edfa15ef4022a869baaf51b7b556d3349588 Diagnostics/HealthChecker/Tests/DataCollection/E16/Exchange/GetExchangeServer.xml:
# type Microsoft.Exchange.Data.Directory.Management.ExchangeServer, AdminDisplayVersion "Version 15.1 (Build 2375.7)",
# ServerRole Mailbox, Edition StandardEvaluation; serialised as the endpoint sends it.
function Get-ExreadyExchangeCmdletStandInText {
    @'
function Get-ExchangeServer {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Identity)
    $server = [pscustomobject]@{
        Name                = ($Identity -split '\.')[0].ToUpperInvariant()
        Fqdn                = $Identity
        Domain              = ($Identity -split '\.', 2)[1]
        Edition             = 'StandardEvaluation'
        ServerRole          = 'Mailbox'
        AdminDisplayVersion = 'Version 15.1 (Build 2375.7)'
        IsE15OrLater        = $true
    }
    $server.PSObject.TypeNames.Insert(0, 'Microsoft.Exchange.Data.Directory.Management.ExchangeServer')
    [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($server, 1))
}
'@
}

# A PSSession-shaped object; hop 2's carries a runspace that holds exactly the cmdlets RBAC gives the account.
function New-ExreadySessionStandIn {
    param([string]$ComputerName, [string]$ConfigurationName, [string[]]$Cmdlets)
    $runspace = $null
    # A function, not a $script: variable: $script: is the scope of whichever script calls this.
    $cmdletText = Get-ExreadyExchangeCmdletStandInText
    if ($ConfigurationName -eq 'Microsoft.Exchange') {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        if ($Cmdlets -contains 'Get-ExchangeServer') {
            $define = [PowerShell]::Create()
            $define.Runspace = $runspace
            $null = $define.AddScript($cmdletText).Invoke()
            $define.Dispose()
        }
    }
    $session = [pscustomobject]@{ ComputerName = $ComputerName; ConfigurationName = $ConfigurationName; State = 'Opened'; Runspace = $runspace; Name = "$ConfigurationName@$ComputerName" }
    $session.PSObject.TypeNames.Insert(0, 'System.Management.Automation.Runspaces.PSSession')
    $session
}

function New-PSSession {
    [CmdletBinding(DefaultParameterSetName = 'ComputerName')]
    param(
        [Parameter(ParameterSetName = 'ComputerName', Position = 0)][string[]]$ComputerName,
        [Parameter(ParameterSetName = 'ComputerName')][switch]$UseSSL,
        [Parameter(ParameterSetName = 'ComputerName')][int]$Port,
        [Parameter(ParameterSetName = 'Uri')][uri[]]$ConnectionUri,
        [pscredential]$Credential,
        [string]$ConfigurationName = 'Microsoft.PowerShell',
        [System.Management.Automation.Runspaces.AuthenticationMechanism]$Authentication = 'Default',
        $SessionOption
    )
    if ($PSCmdlet.ParameterSetName -eq 'ComputerName') {
        $proofLab.calls.hop1 = @{ computerName = $ComputerName; useSsl = [bool]$UseSSL; port = $Port; credential = $Credential; sessionOption = $SessionOption }
        if ($null -ne $proofLab.hop1Failure) { throw $proofLab.hop1Failure }
        return New-ExreadySessionStandIn -ComputerName $ComputerName[0] -ConfigurationName $ConfigurationName
    }
    $proofLab.calls.hop2 = @{ connectionUri = [string]$ConnectionUri[0]; configurationName = $ConfigurationName; authentication = [string]$Authentication; credential = $Credential }
    if ($null -ne $proofLab.hop2Failure) { throw $proofLab.hop2Failure }
    New-ExreadySessionStandIn -ComputerName $ConnectionUri[0].Host -ConfigurationName $ConfigurationName -Cmdlets $proofLab.cmdlets
}

function Invoke-Command {
    [CmdletBinding()]
    param([string[]]$ComputerName, [switch]$UseSSL, [int]$Port, $Session, [scriptblock]$ScriptBlock, [object[]]$ArgumentList)
    if ($null -ne $ComputerName) {
        $proofLab.calls.sync = @{ computerName = $ComputerName; useSsl = [bool]$UseSSL; port = $Port; argumentCount = @($ArgumentList).Count }
        if ($null -ne $proofLab.syncFailure) { throw $proofLab.syncFailure }
    } else {
        $proofLab.calls.inside = @{ session = $Session.Name }
    }
    $remoted = @($ArgumentList | ConvertTo-ExreadyRemoted)
    & $ScriptBlock @remoted | ConvertTo-ExreadyRemoted
}

function Remove-PSSession {
    [CmdletBinding()]
    param([Parameter(Position = 0)]$Session)
    foreach ($item in @($Session)) {
        $null = $proofLab.removed.Add($item.Name)
        if ($null -ne $item.Runspace) { $item.Runspace.Dispose() }
    }
}
