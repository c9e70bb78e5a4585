# Test fixture: runs Test-ExreadyConnectionPath.ps1 as the app does (-ParametersBase64) with the remoting stand-ins loaded.
# The Exchange server's name picks the failure mode (exch-doublehop: hop 2 denied for want of delegation;
# exch-certname: hop 1's certificate names another host; anything else: every hop works).
[CmdletBinding()]
param([Parameter(Mandatory = $true)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../stand-ins/ProofRemoting.ps1')
$proofLab = New-ExreadyProofLab
$exchange = [string]([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json).exchangeServer
if ($exchange -like 'exch-doublehop.*') {
    $proofLab.hop2Failure = New-ExreadyRemotingFailure -Computer $exchange -ErrorCode 1312 -ErrorId '1312' -Text 'A specified logon session does not exist. It may already have been terminated.'
}
if ($exchange -like 'exch-certname.*') {
    $proofLab.hop1Failure = New-ExreadyRemotingFailure -Computer $exchange -ErrorCode 12175 -ErrorId '12175' `
        -Text "The server certificate on the destination computer (${exchange}:5986) has the following errors: The SSL certificate contains a common name (CN) that does not match the hostname."
}
& (Join-Path $PSScriptRoot '../../../resources/powershell/prove/Test-ExreadyConnectionPath.ps1') -ParametersBase64 $ParametersBase64
