# Test fixture: runs a web.config script as the app does (-ParametersBase64), with Invoke-Command stood in by a function that
# runs the script block in this process and sends its arguments and results through PSRP serialisation, as remoting would.
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$Script,
    [Parameter(Mandatory = $true)][string]$ParametersBase64
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')

function Invoke-Command {
    param([string[]]$ComputerName, [switch]$UseSSL, [int]$Port, [scriptblock]$ScriptBlock, [object[]]$ArgumentList)
    $remoted = @($ArgumentList | ConvertTo-ExreadyRemoted)
    & $ScriptBlock @remoted | ConvertTo-ExreadyRemoted
}

& $Script -ParametersBase64 $ParametersBase64
