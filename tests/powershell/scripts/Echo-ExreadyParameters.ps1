# Test fixture for the runner: decodes -ParametersBase64 the way every ExReady script does and prints
# the JSON back, raw and re-serialised, plus one warning and one error record to check each stream.
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$ParametersBase64
)

$ErrorActionPreference = 'Stop'

$json = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($ParametersBase64))
$parameters = $json | ConvertFrom-Json

if ($parameters.mode -eq 'sleep') {
    Start-Sleep -Seconds 600
}

[Console]::Out.WriteLine($json)
[pscustomobject]@{ echoed = $parameters } | ConvertTo-Json -Depth 10 -Compress
Write-Warning 'echo warning'
Write-Error -Message 'echo error' -ErrorAction Continue
