# What Get-LocalGroupMember returns (Microsoft.PowerShell.Commands.LocalPrincipal, PowerShell/PowerShell
# src/Microsoft.PowerShell.LocalAccounts/LocalAccounts/LocalPrincipal.cs), where the LocalAccounts module does not exist:
# the same property names and types. SecurityIdentifier throws on Linux, so SID is stood in by its Value and ToString().
if (-not ('ExreadyStandIn.LocalAccounts.LocalPrincipal' -as [type])) {
    Add-Type -TypeDefinition @'
namespace ExreadyStandIn.LocalAccounts {
    public enum PrincipalSource { Unknown = 0, Local, ActiveDirectory, AzureAD, MicrosoftAccount }

    public class SecurityIdentifier {
        public SecurityIdentifier(string sddlForm) { Value = sddlForm; }
        public string Value { get; private set; }
        public override string ToString() { return Value; }
    }

    public class LocalPrincipal {
        public string Name { get; set; }
        public SecurityIdentifier SID { get; set; }
        public PrincipalSource? PrincipalSource { get; set; }
        /// <summary>A resource string of the module: User, Group or Other (SidTypeComputer, deleted and unknown accounts).</summary>
        public string ObjectClass { get; set; }
        public override string ToString() { return Name ?? SID.ToString(); }
    }
}
'@
}

function New-ExreadyLocalPrincipal {
    param(
        [Parameter(Mandatory)][string]$Name,
        [string]$Sid,
        [string]$ObjectClass = 'User',
        [string]$PrincipalSource = 'ActiveDirectory'
    )
    $principal = New-Object ExreadyStandIn.LocalAccounts.LocalPrincipal
    $principal.Name = $Name
    if ($Sid) { $principal.SID = New-Object ExreadyStandIn.LocalAccounts.SecurityIdentifier($Sid) }
    $principal.ObjectClass = $ObjectClass
    if ($PrincipalSource) { $principal.PrincipalSource = [ExreadyStandIn.LocalAccounts.PrincipalSource]$PrincipalSource }
    $principal
}

# The error Get-LocalGroupMember writes for a group holding an orphaned or Azure AD SID (PowerShell/PowerShell#2996).
function New-ExreadyLocalGroupMemberError {
    $exception = New-Object System.InvalidOperationException('Failed to compare two elements in the array.', (New-Object System.NullReferenceException))
    New-Object System.Management.Automation.ErrorRecord($exception, 'An unspecified error occurred.,Microsoft.PowerShell.Commands.GetLocalGroupMemberCommand', 'NotSpecified', $null)
}
