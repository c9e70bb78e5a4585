# Stand-ins for the ExchangeOnlineManagement cmdlets Get-ExoEwsSettings.ps1 calls, shaped like the objects Microsoft's
# reference pages show (learn.microsoft.com/powershell/module/exchange: get-organizationconfig, get-casmailbox,
# get-serviceprincipal, get-managementroleassignment, test-serviceprincipalauthorization, get-applicationaccesspolicy,
# test-applicationaccesspolicy): the same property names, plus neighbours the script must ignore.
# $exoLab holds what each stand-in answers and records what it was asked.

function New-ExreadyExoLab {
    $global:exoLab = [pscustomobject]@{
        organization     = [pscustomobject]@{
            Name = 'contoso.onmicrosoft.com'; EwsEnabled = $true; EwsAllowedAppIDs = @('6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')
            EwsApplicationAccessPolicy = $null; EwsAllowList = $null; EwsBlockList = $null; OAuth2ClientProfileEnabled = $true
        }
        mailboxes        = @{
            'erp@contoso.example' = [pscustomobject]@{
                Identity = 'erp'; PrimarySmtpAddress = 'erp@contoso.example'; EwsEnabled = $null; EwsAllowOutlook = $null
                OWAEnabled = $true; ImapEnabled = $false; PopEnabled = $false
            }
        }
        servicePrincipal = [pscustomobject]@{
            AppId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'; ObjectId = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'
            DisplayName = 'Contoso ERP mail'; Identity = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'; Name = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'
        }
        roleAssignments  = @(
            [pscustomobject]@{
                Name = 'Application EWS.AccessAsApp-7d6c5b4a'; Role = 'Application EWS.AccessAsApp'
                RoleAssignee = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'; RoleAssigneeName = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'
                RoleAssigneeType = 'ServicePrincipal'; CustomResourceScope = 'ERP mailboxes'; RecipientWriteScope = 'CustomRecipientScope'; Enabled = $true
            },
            [pscustomobject]@{
                Name = 'Application Mail.Read-other'; Role = 'Application Mail.Read'; RoleAssignee = 'another-app'
                RoleAssigneeName = 'another-app'; RoleAssigneeType = 'ServicePrincipal'; CustomResourceScope = $null
                RecipientWriteScope = 'Organization'; Enabled = $true
            }
        )
        authorization    = @(
            [pscustomobject]@{
                RoleName = 'Application EWS.AccessAsApp'; GrantedPermissions = 'EWS.AccessAsApp'
                AllowedResourceScope = 'ERP mailboxes'; ScopeType = 'CustomRecipientScope'; InScope = $true
            }
        )
        policies         = @()
        accessTest       = 'Granted'
        calls            = [System.Collections.Generic.List[string]]::new()
    }
}

# ExchangeOnlineManagement's answers arrive as deserialized property bags (Deserialized.* types, collections as
# ArrayList), not the live objects: each stand-in answers through the serializer PowerShell remoting uses.
function ConvertTo-ExreadyExoAnswer {
    param($Value)
    foreach ($item in @($Value)) {
        if ($null -ne $item) { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($item, 2)) }
    }
}

function Install-ExreadyExoStandIns {
    function global:Get-OrganizationConfig { $exoLab.calls.Add('Get-OrganizationConfig'); ConvertTo-ExreadyExoAnswer $exoLab.organization }
    function global:Get-CASMailbox {
        [CmdletBinding()] param([string]$Identity)
        $exoLab.calls.Add("Get-CASMailbox $Identity")
        $found = $exoLab.mailboxes[$Identity]
        if ($null -eq $found) { Write-Error -Message "The operation couldn't be performed because object '$Identity' couldn't be found on 'AM0PR01A001DC01.EURPR01A001.prod.outlook.com'." -Category NotSpecified }
        ConvertTo-ExreadyExoAnswer $found
    }
    function global:Get-ServicePrincipal {
        [CmdletBinding()] param([string]$Identity)
        $exoLab.calls.Add("Get-ServicePrincipal $Identity")
        if ($null -ne $exoLab.servicePrincipal -and $exoLab.servicePrincipal.AppId -eq $Identity) { ConvertTo-ExreadyExoAnswer $exoLab.servicePrincipal }
        else { Write-Error -Message "The operation couldn't be performed because object '$Identity' couldn't be found." -Category NotSpecified }
    }
    function global:Get-ManagementRoleAssignment { param([string]$RoleAssigneeType) $exoLab.calls.Add("Get-ManagementRoleAssignment $RoleAssigneeType"); ConvertTo-ExreadyExoAnswer $exoLab.roleAssignments }
    function global:Test-ServicePrincipalAuthorization { param([string]$Identity, [string]$Resource) $exoLab.calls.Add("Test-ServicePrincipalAuthorization $Identity $Resource"); ConvertTo-ExreadyExoAnswer $exoLab.authorization }
    function global:Get-ApplicationAccessPolicy { $exoLab.calls.Add('Get-ApplicationAccessPolicy'); ConvertTo-ExreadyExoAnswer $exoLab.policies }
    function global:Test-ApplicationAccessPolicy {
        param([string]$Identity, [string]$AppId)
        $exoLab.calls.Add("Test-ApplicationAccessPolicy $Identity $AppId")
        ConvertTo-ExreadyExoAnswer ([pscustomobject]@{ AppId = $AppId; Mailbox = $Identity; MailboxId = 'f2a1c0b9-0000-4000-8000-000000000001'; MailboxSid = 'S-1-5-21-1-2-3-1001'; AccessCheckResult = $exoLab.accessTest })
    }
}

function Remove-ExreadyExoStandIns {
    foreach ($name in @('Get-OrganizationConfig', 'Get-CASMailbox', 'Get-ServicePrincipal', 'Get-ManagementRoleAssignment',
            'Test-ServicePrincipalAuthorization', 'Get-ApplicationAccessPolicy', 'Test-ApplicationAccessPolicy',
            'Connect-ExchangeOnline', 'Disconnect-ExchangeOnline')) {
        # Pester runs this in a scope of its own: remove through the global session state itself.
        if ($global:ExecutionContext.SessionState.InvokeProvider.Item.Exists("function:$name", $false, $false)) {
            $global:ExecutionContext.SessionState.InvokeProvider.Item.Remove("function:$name", $false, $true, $true)
        }
    }
}
