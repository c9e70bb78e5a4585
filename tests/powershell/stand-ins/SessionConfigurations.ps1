# Get-PSSessionConfiguration items as Windows gives them. Permission is a ScriptProperty of PowerShell's type data that
# reads the DACL of SecurityDescriptorSddl and translates each SID into the server's language (NTAccount): a German
# server prints "VORDEFINIERT\Administratoren AccessAllowed". The type data's own script needs the Windows ACL APIs, so
# it is replaced by one that does the same from name tables keyed by SID. Enabled is the plugin's text ("true"/"false").
# Dot-source from BeforeAll; set the server language with Set-ExreadyServerCulture.

$global:ExreadyServerCulture = 'en-US'

function Set-ExreadyServerCulture {
    param([ValidateSet('en-US', 'de-DE')][string]$Culture)
    $global:ExreadyServerCulture = $Culture
}

Update-TypeData -TypeName 'Microsoft.PowerShell.Commands.PSSessionConfigurationCommands#PSSessionConfiguration' -MemberType ScriptProperty -MemberName Permission -Force -Value {
    # Account names by SID as en-US and de-DE Windows translate them; a SID no table knows prints as the SID.
    $names = @{
        'en-US' = @{
            'S-1-1-0' = 'Everyone'; 'S-1-5-2' = 'NT AUTHORITY\NETWORK'; 'S-1-5-4' = 'NT AUTHORITY\INTERACTIVE'
            'S-1-5-11' = 'NT AUTHORITY\Authenticated Users'; 'S-1-5-18' = 'NT AUTHORITY\SYSTEM'
            'S-1-5-32-544' = 'BUILTIN\Administrators'; 'S-1-5-32-545' = 'BUILTIN\Users'; 'S-1-5-32-580' = 'BUILTIN\Remote Management Users'
        }
        'de-DE' = @{
            'S-1-1-0' = 'Jeder'; 'S-1-5-2' = 'NT-AUTORITÄT\NETZWERK'; 'S-1-5-4' = 'NT-AUTORITÄT\INTERAKTIV'
            'S-1-5-11' = 'NT-AUTORITÄT\Authentifizierte Benutzer'; 'S-1-5-18' = 'NT-AUTORITÄT\SYSTEM'
            'S-1-5-32-544' = 'VORDEFINIERT\Administratoren'; 'S-1-5-32-545' = 'VORDEFINIERT\Benutzer'; 'S-1-5-32-580' = 'VORDEFINIERT\Remoteverwaltungsbenutzer'
        }
    }[$global:ExreadyServerCulture]
    $aliases = @{ WD = 'S-1-1-0'; NU = 'S-1-5-2'; IU = 'S-1-5-4'; AU = 'S-1-5-11'; SY = 'S-1-5-18'; BA = 'S-1-5-32-544'; BU = 'S-1-5-32-545'; RM = 'S-1-5-32-580' }
    $dacl = [regex]::Match([string]$this.SecurityDescriptorSddl, 'D:[A-Z_]*((?:\([^()]*\))*)').Groups[1].Value
    # "<account> <AceType>" for each DACL entry, joined by ", ", as the type data's script builds it.
    $entries = foreach ($ace in [regex]::Matches($dacl, '\(([^()]*)\)')) {
        $fields = $ace.Groups[1].Value.Split(';')
        $sid = $fields[5].ToUpperInvariant()
        if ($aliases.ContainsKey($sid)) { $sid = $aliases[$sid] }
        $account = if ($names.ContainsKey($sid)) { $names[$sid] } else { $sid }
        $type = if ($fields[0] -match 'D$') { 'AccessDenied' } else { 'AccessAllowed' }
        "$account $type"
    }
    @($entries) -join ', '
}

function New-ExreadySessionConfigurationStandIn {
    param(
        [string]$Name = 'microsoft.powershell',
        [string]$Sddl = 'O:NSG:BAD:P(A;;GA;;;BA)(A;;GA;;;IU)(A;;GA;;;RM)S:P(AU;FA;GA;;;WD)(AU;SA;GXGW;;;WD)',
        [string]$Enabled = 'true'
    )
    [pscustomobject]@{
        PSTypeName             = 'Microsoft.PowerShell.Commands.PSSessionConfigurationCommands#PSSessionConfiguration'
        Name                   = $Name
        PSVersion              = '5.1'
        StartupScript          = $null
        RunAsUser              = $null
        Enabled                = $Enabled
        SecurityDescriptorSddl = $Sddl
    }
}

# The Windows-only cmdlets (Microsoft.PowerShell.Core on Windows), with the parameters the scripts use; mock them.
function Get-PSSessionConfiguration { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name) throw 'Get-PSSessionConfiguration is not stood in' }
function Enable-PSRemoting { [CmdletBinding()] param([switch]$Force, [switch]$SkipNetworkProfileCheck) throw 'Enable-PSRemoting is not stood in' }
