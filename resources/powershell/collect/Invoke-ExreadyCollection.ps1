# Collects the remote PowerShell facts of an estate in one run and prints them as JSON lines (shared/facts/collection-protocol.ts).
# Collects only; never decides. Parameters arrive as one base64 UTF-8 JSON argument: no value is ever spliced into script text.
# Runs on Windows PowerShell 5.1. The Exchange servers, the sync servers and the jump host's own reads run at the same time.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
$runId = ''
$counts = @{ serverFacts = 0; syncFacts = 0; errors = 0; warnings = 0 }
# Every server's facts as printed, for the jump-host steps that need phase 1's results.
$exchangeFacts = @{}

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

# The SIDs of the domain principals among a server's local groups' direct members: the groups the jump host expands.
function Add-ExreadyDomainPrincipalSids {
    param($Facts, [hashtable]$Sids)
    foreach ($part in @($Facts.localGroups.administrators, $Facts.localGroups.remoteManagementUsers)) {
        if ($null -eq $part -or $part.status -ne 'collected') { continue }
        foreach ($member in @($part.value)) {
            if ([string]$member.sid -like 'S-1-5-21-*' -and [string]$member.principalSource -ne 'Local') { $Sids[[string]$member.sid] = $true }
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
        $server = [string]$Record.PSComputerName
        $data = $Record | Select-Object -Property * -ExcludeProperty $remotingProperties
        if ($FactsKind -eq 'server-facts') {
            $counts.serverFacts += 1
            $exchangeFacts[$server] = $data
        } else {
            $counts.syncFacts += 1
        }
        Write-ExreadyLine -Kind $FactsKind -Server $server -Data $data
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

# A session option with the timeouts this PowerShell can set; the ones it cannot are named (pwsh off Windows has neither).
function New-ExreadySessionOption {
    param([int]$TimeoutMilliseconds)
    $command = Get-Command -Name New-PSSessionOption -ErrorAction SilentlyContinue
    if ($null -eq $command) { return [pscustomobject]@{ option = $null; missing = @('OpenTimeout', 'OperationTimeout') } }
    $parameters = @{}
    $missing = @()
    foreach ($name in @('OpenTimeout', 'OperationTimeout')) {
        if ($command.Parameters.ContainsKey($name)) { $parameters[$name] = $TimeoutMilliseconds } else { $missing += $name }
    }
    [pscustomobject]@{ option = (New-PSSessionOption @parameters); missing = $missing }
}

# Starts one Invoke-Command over the given servers as a job; a job that cannot start costs a warning, never the run.
function Start-ExreadyRemoteJob {
    param([string[]]$ComputerName, [scriptblock]$ScriptBlock, [object[]]$ArgumentList, [hashtable]$Remoting, [string]$FactsKind, [string]$What)
    try {
        $job = Invoke-Command -ComputerName $ComputerName -ScriptBlock $ScriptBlock -ArgumentList $ArgumentList -AsJob @Remoting
        return [pscustomobject]@{ job = $job; factsKind = $FactsKind; what = $What; done = $false }
    } catch {
        Write-ExreadyWarning "The collection on $What could not start: $($_.Exception.Message)"
        return $null
    }
}

# Prints what the jobs have sent so far, each record the moment it is read; with -Wait, until every job has ended or the deadline passed.
function Receive-ExreadyJobs {
    param([object[]]$Jobs, [switch]$Wait, [DateTime]$Deadline)
    while ($true) {
        $running = @()
        foreach ($entry in @($Jobs | Where-Object { $null -ne $_ -and -not $_.done })) {
            # The state is read before the output, so a job seen ended has nothing left after this read.
            $ended = @('Completed', 'Failed', 'Stopped') -contains [string]$entry.job.State
            try {
                Receive-Job -Job $entry.job -ErrorAction Continue 2>&1 3>&1 | ForEach-Object { Write-ExreadyRecord -Record $_ -FactsKind $entry.factsKind }
            } catch {
                Write-ExreadyWarning "The collection on $($entry.what) stopped: $($_.Exception.Message)"
                $ended = $true
            }
            if ($ended) { $entry.done = $true } else { $running += $entry }
        }
        if (-not $Wait -or $running.Count -eq 0) { return }
        if ([DateTime]::UtcNow -ge $Deadline) {
            foreach ($entry in $running) {
                Write-ExreadyWarning "The collection on $($entry.what) had not ended when the run's time was up; it was stopped."
                try { Stop-Job -Job $entry.job } catch { $null = $_ }
                $entry.done = $true
            }
            return
        }
        # Wakes as soon as a job ends; records that arrive meanwhile are read on the next pass.
        $null = [System.Threading.WaitHandle]::WaitAny([System.Threading.WaitHandle[]]@($running | ForEach-Object { $_.job.Finished }), 50)
    }
}

$jobs = @()
$jumpHostProbes = $null
try {
    $encodingProblem = $null
    # A console without a code page of its own (redirected, or pwsh off Windows) may refuse a new encoding.
    try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false) } catch { $encodingProblem = $_.Exception.Message }

    $request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json
    $runId = [string]$request.runId
    if ($encodingProblem) { Write-ExreadyWarning "The console's output encoding could not be set to UTF-8 ($encodingProblem): text outside ASCII may arrive garbled." }
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
    # Each throttle wave may take its timeout, plus one wave for the session setup; the runner's own budget is larger.
    $waves = [Math]::Ceiling($exchangeServers.Count / $throttle) + 1
    $deadline = [DateTime]::UtcNow.AddSeconds($waves * $timeoutSeconds + 30)

    $serverScripts = @(
        'Invoke-ExreadyPart.ps1', 'Get-ExreadyWinrmService.ps1', 'Get-ExreadyWinrmListeners.ps1', 'Get-ExreadyWinrmServiceAuth.ps1',
        'Get-ExreadySessionConfigurations.ps1', 'Get-ExreadyLocalGroupMembers.ps1', 'Get-ExreadyCertificates.ps1',
        'Get-ExreadyFirewallRules.ps1', 'Get-ExreadyMfaFacts.ps1', 'Get-ExreadyTrustedHosts.ps1', 'Get-ExreadyServerFacts.ps1'
    )
    $syncScripts = @('Invoke-ExreadyPart.ps1', 'Get-ExreadyTrustedHosts.ps1', 'Test-ExreadyTcpPorts.ps1', 'Get-ExreadySyncFacts.ps1')
    $jumpHostScripts = @('Invoke-ExreadyPart.ps1', 'Test-ExreadyTcpPorts.ps1', 'Get-ExreadyAdComputers.ps1', 'Resolve-ExreadyAccount.ps1', 'Expand-ExreadyDomainGroups.ps1')

    $sessionOption = New-ExreadySessionOption -TimeoutMilliseconds ($timeoutSeconds * 1000)
    if ($sessionOption.missing.Count -gt 0) {
        Write-ExreadyWarning "This PowerShell cannot set $($sessionOption.missing -join ' or ') on its WinRM sessions (New-PSSessionOption has no such parameter here): a server that does not answer is only given up when the run's time ($($waves * $timeoutSeconds + 30) s) is up."
    }
    $remoting = @{ ThrottleLimit = $throttle; UseSSL = $true; Port = 5986; ErrorAction = 'Continue' }
    if ($null -ne $sessionOption.option) { $remoting.SessionOption = $sessionOption.option }

    # 1. One Invoke-Command over every Exchange server, as a job.
    $serverText = "param(`$MfaJson)`n" + (Get-ExreadyScriptText $serverScripts) + "`nGet-ExreadyServerFacts -MfaJson `$MfaJson"
    $jobs += Start-ExreadyRemoteJob -ComputerName $exchangeServers -ScriptBlock ([scriptblock]::Create($serverText)) -ArgumentList @($mfaJson) `
        -Remoting $remoting -FactsKind 'server-facts' -What 'the Exchange servers'

    # 2. The sync servers, at the same time: TrustedHosts and their TCP connects; the Exchange server names travel as arguments (data).
    if ($syncServers.Count -gt 0) {
        $syncText = "param(`$Targets, `$TimeoutMilliseconds)`n" + (Get-ExreadyScriptText $syncScripts) +
        "`nGet-ExreadySyncFacts -Targets `$Targets -TimeoutMilliseconds `$TimeoutMilliseconds"
        $jobs += Start-ExreadyRemoteJob -ComputerName $syncServers -ScriptBlock ([scriptblock]::Create($syncText)) -ArgumentList @($exchangeServers, $tcpTimeoutMilliseconds) `
            -Remoting $remoting -FactsKind 'sync-facts' -What 'the sync servers'
    }

    # 3. The jump host itself, while the jobs run: its TCP connects (all started now) and the AD computer objects one by one,
    #    the jobs' records printed between them.
    $jumpHostData = $null
    try {
        foreach ($name in $jumpHostScripts) { . (Join-Path $PSScriptRoot $name) }
        $jumpHostProbes = Start-ExreadyTcpProbes -Targets $exchangeServers -TimeoutMilliseconds $tcpTimeoutMilliseconds
        $jumpHost = $env:COMPUTERNAME
        try { $jumpHost = [System.Net.Dns]::GetHostEntry([string]'').HostName } catch { $jumpHost = $env:COMPUTERNAME }
        if (-not $jumpHost) { $jumpHost = 'localhost' }
        $adComputers = @()
        foreach ($server in $exchangeServers) {
            $adComputers += @(Get-ExreadyAdComputers -Servers @($server))
            Receive-ExreadyJobs -Jobs $jobs
        }
        $jumpHostData = [ordered]@{ host = [string]$jumpHost; adComputers = $adComputers; reachability = @() }
    } catch {
        Write-ExreadyWarning "The jump host facts could not be collected: $($_.Exception.Message)"
    }

    # Every record of phases 1 and 2, printed as it arrives; after this, $exchangeFacts holds every server's facts.
    Receive-ExreadyJobs -Jobs $jobs -Wait -Deadline $deadline

    # 3b. The jump host after phase 1: its connects' outcomes (their time ran beside the jobs), then the steps that read
    #     phase 1's facts ($exchangeFacts: server name -> facts as printed), each adding its part to $jumpHostData.
    if ($null -ne $jumpHostData) {
        try {
            $jumpHostData.reachability = @(Wait-ExreadyTcpProbes -ProbeSet $jumpHostProbes)
            $jumpHostProbes = $null
            # The domain groups of every server's local groups, read once here where the admin's Kerberos ticket is first-hand.
            $domainPrincipalSids = @{}
            foreach ($facts in @($exchangeFacts.Values)) { Add-ExreadyDomainPrincipalSids -Facts $facts -Sids $domainPrincipalSids }
            $jumpHostData.domainGroups = Invoke-ExreadyPart { Expand-ExreadyDomainGroups -Sids @($domainPrincipalSids.Keys) }
            if ($serviceAccount) { $jumpHostData.serviceAccountSid = Invoke-ExreadyPart { Resolve-ExreadyAccountSid -Name $serviceAccount } }
            Write-ExreadyLine -Kind 'jumphost-facts' -Server $null -Data ([pscustomobject]$jumpHostData)
        } catch {
            Write-ExreadyWarning "The jump host facts could not be collected: $($_.Exception.Message)"
        }
    }
} catch {
    Write-ExreadyWarning "The collection stopped: $($_.Exception.Message)"
} finally {
    if ($null -ne $jumpHostProbes) { try { Stop-ExreadyTcpProbes -ProbeSet $jumpHostProbes } catch { $null = $_ } }
    foreach ($entry in @($jobs | Where-Object { $null -ne $_ })) {
        try { Remove-Job -Job $entry.job -Force } catch { $null = $_ }
    }
    Write-ExreadyLine -Kind 'done' -Server $null -Data ([pscustomobject]@{
            serverFacts = $counts.serverFacts
            syncFacts   = $counts.syncFacts
            errors      = $counts.errors
            warnings    = $counts.warnings
        })
}
