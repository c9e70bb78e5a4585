# Runs a web.config script as the app does (one base64 UTF-8 JSON argument) and hands back the one line it printed with
# [Console]::Out, plus the stand-ins for what remoting does. Dot-source from BeforeAll after Remoting.ps1 and Fixes.ps1.

$script:webConfigRoot = Join-Path $PSScriptRoot '../../../resources/powershell/webconfig'

function Get-ExreadyWebConfigScriptPath {
    param([Parameter(Mandatory)][string]$Name)
    (Resolve-Path -LiteralPath (Join-Path $script:webConfigRoot $Name)).Path
}

function ConvertTo-ExreadyWebConfigArgument {
    param([Parameter(Mandatory)]$Parameters)
    [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($Parameters | ConvertTo-Json -Depth 8 -Compress)))
}

# The scripts write their line to [Console]::Out, not the pipeline: capture it (SetOut survives the encoding change).
function Invoke-ExreadyConsoleScript {
    param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][string]$ParametersBase64)
    $encoding = [Console]::OutputEncoding
    $out = [Console]::Out
    $writer = [System.IO.StringWriter]::new()
    [Console]::SetOut($writer)
    try { $pipeline = @(& $Path -ParametersBase64 $ParametersBase64) } finally {
        [Console]::SetOut($out)
        [Console]::OutputEncoding = $encoding
    }
    $lines = @($writer.ToString() -split "`r?`n" | Where-Object { $_ -ne '' })
    if ($pipeline.Count -ne 0) { throw "the script wrote to the pipeline: $($pipeline -join ' | ')" }
    if ($lines.Count -ne 1) { throw "expected one result line, got $($lines.Count): $($lines -join ' | ')" }
    $lines[0] | ConvertFrom-Json
}

# The result line with the fields the service's schema requires (electron/services/*-service.ts).
function Assert-ExreadyResultShape {
    param([Parameter(Mandatory)]$Result, [Parameter(Mandatory)][string[]]$Fields)
    foreach ($name in @('exreadyResult', 'status', 'error') + $Fields) {
        if (-not $Result.PSObject.Properties[$name]) { throw "the result line has no '$name': $($Result | ConvertTo-Json -Compress -Depth 5)" }
    }
    if ($Result.exreadyResult -ne 1) { throw 'exreadyResult is not 1' }
}

function Get-ExreadySha256 {
    param([byte[]]$Bytes)
    [BitConverter]::ToString([System.Security.Cryptography.SHA256]::HashData($Bytes)).Replace('-', '')
}
