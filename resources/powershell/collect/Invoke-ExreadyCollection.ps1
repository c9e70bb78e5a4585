# Collects the remote PowerShell facts of an estate in one run and prints them as JSON lines (shared/facts/collection-protocol.ts).
# Collects only; never decides. Parameters arrive as one base64 UTF-8 JSON argument: no value is ever spliced into script text.
# Runs on Windows PowerShell 5.1.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)

$request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json
$runId = [string]$request.runId
$exchangeServers = @($request.exchangeServers | ForEach-Object { [string]$_ })
$syncServers = @($request.syncServers | ForEach-Object { [string]$_ })
$serviceAccount = [string]$request.serviceAccount
$throttle = 16
if ($request.throttle) { $throttle = [int]$request.throttle }
$timeoutSeconds = 120
if ($request.timeoutSeconds) { $timeoutSeconds = [int]$request.timeoutSeconds }
$tcpTimeoutMilliseconds = 5000
# The MFA area's parameters travel to each server as one JSON string argument (data, never script text).
$mfaJson = ''
if ($request.PSObject.Properties['mfa'] -and $request.mfa) { $mfaJson = $request.mfa | ConvertTo-Json -Compress -Depth 5 }
$counts = @{ serverFacts = 0; syncFacts = 0; errors = 0; warnings = 0 }
# SIDs of the domain principals among the local groups' direct members, gathered as server facts arrive (phase 1) for phase 3.
$domainPrincipalSids = @{}

# Remoting adds these to every object that comes back; they are not facts.
$remotingProperties = @('PSComputerName', 'RunspaceId', 'PSShowComputerName', 'PSSourceJobInstanceId')

function Write-ExreadyLine {
    param([string]$Kind, $Server, $Data)
    $line = [pscustomobject]@{ exready = 1; runId = $runId; kind = $Kind; server = $Server; data = $Data }
    [Console]::Out.WriteLine(($line | ConvertTo-Json -Compress -Depth 10))
    [Console]::Out.Flush()
}

function ConvertTo-ExreadyErrorData {
    param($Record)
    $exception = $Record.Exception
    $message = [string]$exception.Message
    $code = $null
    # WinRM puts its code in the text ("errorcode 0x80090322"); otherwise the transport's ErrorCode or the HRESULT.
    if ($message -match '0x[0-9A-Fa-f]{8}') { $code = $Matches[0] }
    elseif ($exception.PSObject.Properties['ErrorCode'] -and $exception.ErrorCode) { $code = '0x{0:X8}' -f [int]$exception.ErrorCode }
    elseif ($exception.HResult) { $code = '0x{0:X8}' -f [int]$exception.HResult }
    [pscustomobject]@{
        message               = $message
        fullyQualifiedErrorId = [string]$Record.FullyQualifiedErrorId
        category              = [string]$Record.CategoryInfo.Category
        errorCode             = $code
        exceptionType         = $exception.GetType().FullName
    }
}

function Get-ExreadyRecordServer {
    param($Record)
    # Errors raised on the server carry OriginInfo; connection failures name the computer as their target.
    if ($Record.PSObject.Properties['OriginInfo'] -and $Record.OriginInfo -and $Record.OriginInfo.PSComputerName) { return [string]$Record.OriginInfo.PSComputerName }
    if ($Record.PSObject.Properties['TargetObject'] -and $Record.TargetObject -is [string]) { return [string]$Record.TargetObject }
    if ([string]$Record.Exception.Message -match 'remote server (\S+) failed') { return $Matches[1] }
    return $null
}

function Add-ExreadyDomainPrincipalSids {
    param($Facts)
    foreach ($part in @($Facts.localGroups.administrators, $Facts.localGroups.remoteManagementUsers)) {
        if ($null -eq $part -or $part.status -ne 'collected') { continue }
        foreach ($member in @($part.value)) {
            if ([string]$member.sid -like 'S-1-5-21-*' -and [string]$member.principalSource -ne 'Local') { $domainPrincipalSids[[string]$member.sid] = $true }
        }
    }
}

function Write-ExreadyRecord {
    param($Record, [string]$FactsKind)
    if ($Record -is [System.Management.Automation.ErrorRecord]) {
        $counts.errors += 1
        Write-ExreadyLine -Kind 'server-error' -Server (Get-ExreadyRecordServer $Record) -Data (ConvertTo-ExreadyErrorData $Record)
    } elseif ($Record -is [System.Management.Automation.WarningRecord]) {
        $counts.warnings += 1
        $server = $null
        if ($Record.PSObject.Properties['OriginInfo'] -and $Record.OriginInfo) { $server = [string]$Record.OriginInfo.PSComputerName }
        Write-ExreadyLine -Kind 'warning' -Server $server -Data ([string]$Record.Message)
    } elseif ($null -ne $Record) {
        if ($FactsKind -eq 'server-facts') { $counts.serverFacts += 1; Add-ExreadyDomainPrincipalSids $Record } else { $counts.syncFacts += 1 }
        $data = $Record | Select-Object -Property * -ExcludeProperty $remotingProperties
        Write-ExreadyLine -Kind $FactsKind -Server ([string]$Record.PSComputerName) -Data $data
    }
}

function Write-ExreadyWarning {
    param([string]$Message)
    $counts.warnings += 1
    Write-ExreadyLine -Kind 'warning' -Server $null -Data $Message
}

# Our own area scripts only, read from beside this file.
function Get-ExreadyScriptText {
    param([string[]]$Names)
    ($Names | ForEach-Object { Get-Content -LiteralPath (Join-Path $PSScriptRoot $_) -Raw -Encoding UTF8 }) -join "`n"
}

$serverScripts = @(
    'Invoke-ExreadyPart.ps1', 'Get-ExreadyWinrmService.ps1', 'Get-ExreadyWinrmListeners.ps1', 'Get-ExreadyWinrmServiceAuth.ps1',
    'Get-ExreadySessionConfigurations.ps1', 'Get-ExreadyLocalGroupMembers.ps1', 'Get-ExreadyCertificates.ps1',
    'Get-ExreadyFirewallRules.ps1', 'Get-ExreadyMfaFacts.ps1', 'Get-ExreadyServerFacts.ps1'
)
$syncScripts = @('Invoke-ExreadyPart.ps1', 'Get-ExreadyTrustedHosts.ps1', 'Test-ExreadyTcpPorts.ps1', 'Get-ExreadySyncFacts.ps1')
$jumpHostScripts = @('Invoke-ExreadyPart.ps1', 'Test-ExreadyTcpPorts.ps1', 'Get-ExreadyAdComputers.ps1', 'Resolve-ExreadyAccount.ps1', 'Expand-ExreadyDomainGroups.ps1')

$timeoutMilliseconds = $timeoutSeconds * 1000
$remoting = @{
    ThrottleLimit = $throttle
    UseSSL        = $true
    Port          = 5986
    SessionOption = (New-PSSessionOption -OpenTimeout $timeoutMilliseconds -OperationTimeout $timeoutMilliseconds)
    ErrorAction   = 'Continue'
}

# 1. One Invoke-Command over every Exchange server; each result is printed the moment it arrives.
try {
    $serverText = "param(`$MfaJson)`n" + (Get-ExreadyScriptText $serverScripts) + "`nGet-ExreadyServerFacts -MfaJson `$MfaJson"
    $serverBlock = [scriptblock]::Create($serverText)
    Invoke-Command -ComputerName $exchangeServers -ScriptBlock $serverBlock -ArgumentList $mfaJson @remoting 2>&1 3>&1 |
        ForEach-Object { Write-ExreadyRecord -Record $_ -FactsKind 'server-facts' }
} catch {
    Write-ExreadyWarning "The collection on the Exchange servers stopped: $($_.Exception.Message)"
}

# 2. The sync servers: TrustedHosts and their TCP connects; the Exchange server names travel as arguments (data).
if ($syncServers.Count -gt 0) {
    try {
        $syncText = "param(`$Targets, `$TimeoutMilliseconds)`n" + (Get-ExreadyScriptText $syncScripts) +
        "`nGet-ExreadySyncFacts -Targets `$Targets -TimeoutMilliseconds `$TimeoutMilliseconds"
        $syncBlock = [scriptblock]::Create($syncText)
        Invoke-Command -ComputerName $syncServers -ScriptBlock $syncBlock -ArgumentList $exchangeServers, $tcpTimeoutMilliseconds @remoting 2>&1 3>&1 |
            ForEach-Object { Write-ExreadyRecord -Record $_ -FactsKind 'sync-facts' }
    } catch {
        Write-ExreadyWarning "The collection on the sync servers stopped: $($_.Exception.Message)"
    }
}

# 3. The jump host itself: the AD computer objects and the domain groups of the local groups (read once for all servers,
# here where the admin's Kerberos ticket is first-hand), the service account's SID, and its own TCP connects.
try {
    foreach ($name in $jumpHostScripts) { . (Join-Path $PSScriptRoot $name) }
    $jumpHost = $env:COMPUTERNAME
    try { $jumpHost = [System.Net.Dns]::GetHostEntry([string]'').HostName } catch { $jumpHost = $env:COMPUTERNAME }
    if (-not $jumpHost) { $jumpHost = 'localhost' }
    $jumpHostData = [pscustomobject]@{
        host         = [string]$jumpHost
        adComputers  = @(Get-ExreadyAdComputers -Servers $exchangeServers)
        reachability = @(Test-ExreadyTcpPorts -Targets $exchangeServers -TimeoutMilliseconds $tcpTimeoutMilliseconds)
        domainGroups = Invoke-ExreadyPart { Expand-ExreadyDomainGroups -Sids @($domainPrincipalSids.Keys) }
        serviceAccountSid = $null
    }
    if ($serviceAccount) { $jumpHostData.serviceAccountSid = Invoke-ExreadyPart { Resolve-ExreadyAccountSid -Name $serviceAccount } }
    Write-ExreadyLine -Kind 'jumphost-facts' -Server $null -Data $jumpHostData
} catch {
    Write-ExreadyWarning "The jump host facts could not be collected: $($_.Exception.Message)"
}

Write-ExreadyLine -Kind 'done' -Server $null -Data ([pscustomobject]@{
        serverFacts = $counts.serverFacts
        syncFacts   = $counts.syncFacts
        errors      = $counts.errors
        warnings    = $counts.warnings
    })
