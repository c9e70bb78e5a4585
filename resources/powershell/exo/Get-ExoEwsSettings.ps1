# Reads, never changes, the Exchange Online settings that decide whether the ERP's EWS mail can work and what it
# reaches (issue #15): the organisation's EwsEnabled / EwsAllowedAppIDs / EwsApplicationAccessPolicy, the test mailbox's
# EwsEnabled, the ERP app's RBAC for Applications role assignments and their scope for the mailbox, and any
# (superseded) application access policies. Microsoft Graph cannot read these.
# Runs on Windows PowerShell 5.1 (and 7) with the ExchangeOnlineManagement module; connects (and disconnects) only
# when no Exchange Online session is open. Parameters arrive as one base64 UTF-8 JSON argument
# {appId, mailbox, userPrincipalName?}: no value is spliced into script text.
# Prints one JSON document (ConvertTo-Json) for `exready tenant check --ews --exo-settings FILE` (or --exo-run);
# without the module, one exready-exo-error/1 object with code module-missing, and exit code 3.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'

$parameters = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json
$appId = [string]$parameters.appId
$mailbox = [string]$parameters.mailbox
if ($appId -notmatch '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$') { throw "appId: '$appId' is not an application (client) id (a GUID)" }
if ($mailbox -notmatch '^[^@\s]+@[^@\s]+$') { throw "mailbox: '$mailbox' is not an SMTP address" }

# A [bool] or $null (not set) as Exchange reports it; never coerced to $false.
function ConvertTo-ExreadyNullableBool {
    param($Value)
    if ($null -eq $Value) { return $null }
    return [bool]$Value
}

function ConvertTo-ExreadyText {
    param($Value)
    if ($null -eq $Value) { return $null }
    return [string]$Value
}

$connected = $false
if (-not (Get-Command -Name Get-OrganizationConfig -ErrorAction SilentlyContinue)) {
    if (-not (Get-Module -ListAvailable -Name ExchangeOnlineManagement)) {
        # A coded JSON answer (exit 3), so ExReady tells "not installed" apart from a failure without reading prose.
        [ordered]@{
            format  = 'exready-exo-error/1'
            code    = 'module-missing'
            message = 'The ExchangeOnlineManagement module is not installed on this machine: Install-Module ExchangeOnlineManagement -Scope CurrentUser, or run this script where it is.'
        } | ConvertTo-Json -Depth 2 -Compress
        exit 3
    }
    Import-Module ExchangeOnlineManagement
    $connect = @{ ShowBanner = $false }
    if ($parameters.PSObject.Properties['userPrincipalName'] -and $parameters.userPrincipalName) { $connect.UserPrincipalName = [string]$parameters.userPrincipalName }
    Connect-ExchangeOnline @connect
    $connected = $true
}

try {
    $org = Get-OrganizationConfig | Select-Object EwsEnabled, EwsAllowedAppIDs, EwsApplicationAccessPolicy
    $organization = [ordered]@{
        EwsEnabled                 = ConvertTo-ExreadyNullableBool $org.EwsEnabled
        EwsAllowedAppIDs           = @($org.EwsAllowedAppIDs | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
        EwsApplicationAccessPolicy = ConvertTo-ExreadyText $org.EwsApplicationAccessPolicy
    }

    # A mailbox that does not exist is a finding (null), not a failure of the script.
    $casMailbox = $null
    $cas = @(Get-CASMailbox -Identity $mailbox -ErrorAction SilentlyContinue | Select-Object Identity, PrimarySmtpAddress, EwsEnabled)
    if ($cas.Count -gt 0) {
        $casMailbox = [ordered]@{
            Identity           = ConvertTo-ExreadyText $cas[0].Identity
            PrimarySmtpAddress = ConvertTo-ExreadyText $cas[0].PrimarySmtpAddress
            EwsEnabled         = ConvertTo-ExreadyNullableBool $cas[0].EwsEnabled
        }
    }

    # RBAC for Applications: the app's pointer in Exchange Online, its role assignments and their scope for the mailbox.
    $servicePrincipal = $null
    $roleAssignments = @()
    $authorization = @()
    $sp = @(Get-ServicePrincipal -Identity $appId -ErrorAction SilentlyContinue)
    if ($sp.Count -gt 0) {
        $servicePrincipal = [ordered]@{
            AppId       = [string]$sp[0].AppId
            ObjectId    = ConvertTo-ExreadyText $sp[0].ObjectId
            DisplayName = ConvertTo-ExreadyText $sp[0].DisplayName
            Identity    = ConvertTo-ExreadyText $sp[0].Identity
        }
        $names = @($servicePrincipal.Identity, $servicePrincipal.ObjectId, $servicePrincipal.DisplayName) | Where-Object { $_ }
        $roleAssignments = @(Get-ManagementRoleAssignment -RoleAssigneeType ServicePrincipal |
                Where-Object { $names -contains [string]$_.RoleAssignee -or $names -contains [string]$_.RoleAssigneeName } |
                ForEach-Object {
                    [ordered]@{
                        Name                = [string]$_.Name
                        Role                = [string]$_.Role
                        RoleAssignee        = ConvertTo-ExreadyText $_.RoleAssignee
                        CustomResourceScope = ConvertTo-ExreadyText $_.CustomResourceScope
                        RecipientWriteScope = ConvertTo-ExreadyText $_.RecipientWriteScope
                    }
                })
        $authorization = @(Test-ServicePrincipalAuthorization -Identity $appId -Resource $mailbox | ForEach-Object {
                [ordered]@{
                    RoleName             = [string]$_.RoleName
                    GrantedPermissions   = ConvertTo-ExreadyText $_.GrantedPermissions
                    AllowedResourceScope = ConvertTo-ExreadyText $_.AllowedResourceScope
                    ScopeType            = ConvertTo-ExreadyText $_.ScopeType
                    InScope              = [bool]$_.InScope
                }
            })
    }

    # Application Access Policies are superseded by RBAC for Applications but still enforced where they exist.
    $policies = @(Get-ApplicationAccessPolicy | Where-Object { [string]$_.AppId -eq $appId } | ForEach-Object {
            [ordered]@{
                AppId       = [string]$_.AppId
                ScopeName   = ConvertTo-ExreadyText $_.ScopeName
                AccessRight = [string]$_.AccessRight
                Description = ConvertTo-ExreadyText $_.Description
            }
        })
    $accessPolicyTest = $null
    if ($policies.Count -gt 0) {
        $test = Test-ApplicationAccessPolicy -Identity $mailbox -AppId $appId
        $accessPolicyTest = [ordered]@{
            AppId             = [string]$test.AppId
            Mailbox           = ConvertTo-ExreadyText $test.Mailbox
            AccessCheckResult = [string]$test.AccessCheckResult
        }
    }

    [ordered]@{
        format                    = 'exready-exo-settings/1'
        readAt                    = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
        appId                     = $appId
        mailbox                   = $mailbox
        organization              = $organization
        casMailbox                = $casMailbox
        servicePrincipal          = $servicePrincipal
        roleAssignments           = $roleAssignments
        authorization             = $authorization
        applicationAccessPolicies = $policies
        accessPolicyTest          = $accessPolicyTest
    } | ConvertTo-Json -Depth 6
}
finally {
    if ($connected) { Disconnect-ExchangeOnline -Confirm:$false }
}
