# Reports which PowerShell this jump host runs and whether the modules ExReady relies on are present.
# Collects only; prints one JSON object. Takes no parameters.
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

$edition = if ($PSVersionTable.ContainsKey('PSEdition')) { [string]$PSVersionTable.PSEdition } else { 'Desktop' }
$os = if ($PSVersionTable.ContainsKey('OS') -and $PSVersionTable.OS) {
    [string]$PSVersionTable.OS
} else {
    [string][Environment]::OSVersion.VersionString
}
$adModule = $null -ne (Get-Module -ListAvailable -Name ActiveDirectory -ErrorAction SilentlyContinue | Select-Object -First 1)

[pscustomobject]@{
    version                  = $PSVersionTable.PSVersion.ToString()
    edition                  = $edition
    os                       = $os
    hasActiveDirectoryModule = [bool]$adModule
} | ConvertTo-Json -Compress -Depth 5
