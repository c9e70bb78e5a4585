# Stand-in manifest for the ExchangeOnlineManagement module (PowerShell Gallery, version 3.7.1), so that
# Get-Module -ListAvailable finds it in a fresh process; only its Connect/Disconnect-ExchangeOnline are stood in.
@{
    RootModule        = 'ExchangeOnlineManagement.psm1'
    ModuleVersion     = '3.7.1'
    GUID              = 'b5eced50-afa4-455b-847a-d8fb64140a22'
    Author            = 'ExReady test stand-in'
    Description       = 'Stand-in for ExchangeOnlineManagement: Connect-ExchangeOnline loads the ExchangeOnline.ps1 stand-ins.'
    FunctionsToExport = @('Connect-ExchangeOnline', 'Disconnect-ExchangeOnline')
    CmdletsToExport   = @()
    AliasesToExport   = @()
}
