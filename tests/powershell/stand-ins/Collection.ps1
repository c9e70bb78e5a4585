# Stand-ins for running Invoke-ExreadyCollection.ps1 itself: Invoke-Command (with -AsJob) answering from a table of
# remote answers, and a capture of what the collector prints on the console. Dot-source after Remoting.ps1 from BeforeAll.
# $RemoteAnswers (computer name -> New-ExreadyRemoteAnswer) and $InvokeCommandCalls must exist in the caller's scope.

# What one computer answers: its facts (sent through the remoting stand-in and stamped as PSRP stamps them) or an error
# record; optionally it first sets an event and waits for a handle (Task or ManualResetEventSlim); or Invoke-Command refuses to start.
function New-ExreadyRemoteAnswer {
    param([string]$ComputerName, $Facts, [string]$ErrorMessage, [string]$ErrorId, $WaitFor, $SignalFirst, [string]$Refuse)
    $remoted = $null
    if ($null -ne $Facts) {
        $remoted = $Facts | ConvertTo-ExreadyRemoted
        $remoted | Add-Member -NotePropertyName PSComputerName -NotePropertyValue $ComputerName
        $remoted | Add-Member -NotePropertyName RunspaceId -NotePropertyValue ([guid]::NewGuid())
        $remoted | Add-Member -NotePropertyName PSShowComputerName -NotePropertyValue $true
    }
    [pscustomobject]@{ computer = $ComputerName; facts = $remoted; errorMessage = $ErrorMessage; errorId = $ErrorId; waitFor = $WaitFor; signalFirst = $SignalFirst; refuse = $Refuse }
}

# Sends the answers in order as remoting would; an answer whose handle is not set within 10 s arrives marked late.
$ExreadyAnswerBody = {
    param($Answers)
    foreach ($answer in $Answers) {
        if ($null -ne $answer.signalFirst) { $answer.signalFirst.Set() }
        $late = $false
        if ($null -ne $answer.waitFor) { $late = -not $answer.waitFor.Wait(10000) }
        if ($answer.errorMessage) {
            Write-Error -Message $answer.errorMessage -ErrorId $answer.errorId -Category OpenError -TargetObject $answer.computer -ErrorAction Continue
            continue
        }
        if ($late) { $answer.facts | Add-Member -NotePropertyName late -NotePropertyValue $true -Force }
        $answer.facts
    }
}

function Invoke-Command {
    param(
        [string[]]$ComputerName,
        [scriptblock]$ScriptBlock,
        [object[]]$ArgumentList,
        [int]$ThrottleLimit,
        [switch]$UseSSL,
        [int]$Port,
        $SessionOption,
        [switch]$AsJob,
        $ErrorAction
    )
    $InvokeCommandCalls.Add([pscustomobject]@{
            ComputerName = $ComputerName; ScriptText = $ScriptBlock.ToString(); ArgumentList = $ArgumentList; ThrottleLimit = $ThrottleLimit
            UseSSL = [bool]$UseSSL; Port = $Port; SessionOption = $SessionOption; AsJob = [bool]$AsJob
        })
    $answers = @(foreach ($computer in $ComputerName) {
            if ($RemoteAnswers.ContainsKey($computer)) { $RemoteAnswers[$computer] }
            else { New-ExreadyRemoteAnswer -ComputerName $computer -ErrorMessage "Connecting to remote server $computer failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved." -ErrorId 'ComputerNotFound,PSSessionStateBroken' }
        })
    # Invoke-Command itself refuses (a parameter it cannot bind, a session option it cannot use) before any job starts.
    foreach ($answer in $answers) { if ($answer.refuse) { throw $answer.refuse } }
    # A real remoting job runs beside its caller; a thread job does too, and Receive-Job reads it the same way.
    if ($AsJob) { return Start-ThreadJob -ScriptBlock $ExreadyAnswerBody -ArgumentList (, $answers) }
    & $ExreadyAnswerBody $answers
}

# Windows PowerShell's New-PSSessionOption, with both timeouts (pwsh off Windows has neither: only -SkipCACheck, -SkipCNCheck).
function New-PSSessionOption {
    param([int]$OpenTimeout, [int]$OperationTimeout, [switch]$SkipCACheck, [switch]$SkipCNCheck)
    [pscustomobject]@{ OpenTimeout = $OpenTimeout; OperationTimeout = $OperationTimeout }
}

# Prints on the console as a test reads it: every line kept, and an event set the moment a line containing a text is written.
class ExreadySignallingWriter : System.IO.StringWriter {
    [string]$Trigger
    [System.Threading.ManualResetEventSlim]$Signal
    ExreadySignallingWriter([string]$trigger, [System.Threading.ManualResetEventSlim]$signal) { $this.Trigger = $trigger; $this.Signal = $signal }
    [void] WriteLine([string]$value) {
        ([System.IO.StringWriter]$this).WriteLine($value)
        if ($null -ne $this.Signal -and $value.Contains($this.Trigger)) { $this.Signal.Set() }
    }
}

# Runs the collector with these parameters (or this raw base64) and returns its protocol lines, parsed, and what it threw.
function Invoke-ExreadyCollectorCapture {
    param([string]$Collector, $Parameters, [string]$RawParameters, [System.IO.StringWriter]$Writer)
    if (-not $Writer) { $Writer = [ExreadySignallingWriter]::new('', $null) }
    $base64 = $RawParameters
    if ($null -ne $Parameters) { $base64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($Parameters | ConvertTo-Json -Depth 6 -Compress))) }
    $console = [Console]::Out
    $thrown = $null
    [Console]::SetOut($Writer)
    try {
        & $Collector -ParametersBase64 $base64
    } catch {
        $thrown = $_
    } finally {
        [Console]::SetOut($console)
    }
    $lines = @($Writer.ToString() -split "`r?`n" | Where-Object { $_ -like '{"exready":1*' } | ForEach-Object { $_ | ConvertFrom-Json })
    [pscustomobject]@{ lines = $lines; thrown = $thrown; text = $Writer.ToString() }
}
