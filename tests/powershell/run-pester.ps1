# Runs the Pester files under a folder (or one file) in one process and writes its results as JSON for the vitest tier: each test with its outcome and error,
# and how many commands of each ExReady script it executed (Pester's code coverage), so untested scripts show.
param(
    [Parameter(Mandatory)][string]$PesterModule,
    [Parameter(Mandatory)][string[]]$TestPath,
    [Parameter(Mandatory)][string]$ResultFile,
    [Parameter(Mandatory)][string]$ResourcesRoot
)

$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterModule -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'None'
$configuration.CodeCoverage.Enabled = ($env:EXREADY_PESTER_COVERAGE -ne "0")
$configuration.CodeCoverage.UseBreakpoints = $false
$configuration.CodeCoverage.Path = @(Get-ChildItem -LiteralPath $ResourcesRoot -Recurse -File -Include '*.ps1', '*.psm1' |
        Where-Object { $_.FullName -notlike '*lab*ExreadyLab.psm1' } | ForEach-Object { $_.FullName })
$configuration.CodeCoverage.OutputPath = [System.IO.Path]::ChangeExtension($ResultFile, '.coverage.xml')

$run = Invoke-Pester -Configuration $configuration

# Pester's own frames say nothing about the failure.
function Format-ExreadyPesterError {
    param($Record)
    $frames = @(([string]$Record.ScriptStackTrace) -split "`n" | Where-Object { $_ -notmatch 'Pester\.ps(m1|1)' -and $_ -notmatch 'run-pester\.ps1' })
    (@([string]$Record.Exception.Message) + $frames) -join "`n"
}

$tests = foreach ($test in $run.Tests) {
    $errorText = $null
    if ($test.ErrorRecord -and $test.ErrorRecord.Count -gt 0) {
        $errorText = ($test.ErrorRecord | ForEach-Object { Format-ExreadyPesterError $_ }) -join "`n"
    }
    [pscustomobject]@{ file = [string]$test.ScriptBlock.File; name = [string]$test.ExpandedPath; result = [string]$test.Result; error = $errorText }
}
# A file that fails outside any It (a broken BeforeAll, a parse error) has no test to carry its error.
$containerErrors = @(foreach ($container in $run.Containers) {
        if ($container.Result -ne 'Failed' -or $container.ErrorRecord.Count -eq 0) { continue }
        [pscustomobject]@{
            file  = [string]$container.Item
            error = ($container.ErrorRecord | ForEach-Object { Format-ExreadyPesterError $_ }) -join "`n"
        }
    })
$executed = @{}
foreach ($command in @($run.CodeCoverage.CommandsExecuted)) {
    $file = [string]$command.File
    if (-not $executed.ContainsKey($file)) { $executed[$file] = 0 }
    $executed[$file] += 1
}
[pscustomobject]@{
    tests           = @($tests)
    containerErrors = $containerErrors
    executed        = $executed
} | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $ResultFile -Encoding utf8
