# Like the real module, Connect-ExchangeOnline is what makes the session's cmdlets (Get-OrganizationConfig, ...) exist:
# here it loads the stand-ins of ../../ExchangeOnline.ps1 with their default lab (no network, no sign-in).
. (Join-Path $PSScriptRoot '../../ExchangeOnline.ps1')

function Connect-ExchangeOnline {
    [CmdletBinding()]
    param([string]$UserPrincipalName, [bool]$ShowBanner = $true)
    New-ExreadyExoLab
    Install-ExreadyExoStandIns
    $exoLab.calls.Add("Connect-ExchangeOnline $UserPrincipalName")
}

function Disconnect-ExchangeOnline {
    [CmdletBinding()]
    param([switch]$Confirm)
    $exoLab.calls.Add('Disconnect-ExchangeOnline')
}

Export-ModuleMember -Function Connect-ExchangeOnline, Disconnect-ExchangeOnline
