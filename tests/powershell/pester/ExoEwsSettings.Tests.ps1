# Get-ExoEwsSettings.ps1 against ExchangeOnlineManagement stand-ins shaped like the real cmdlets' objects.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/ExchangeOnline.ps1')
    $scriptPath = (Resolve-Path (Join-Path $PSScriptRoot '../../../resources/powershell/exo/Get-ExoEwsSettings.ps1')).Path
    $appId = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
    $read = {
        param([hashtable]$Request)
        $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($Request | ConvertTo-Json -Compress)))
        $text = (& $scriptPath -ParametersBase64 $encoded) -join "`n"
        $script:lastText = $text
        $text | ConvertFrom-Json
    }
}

Describe 'Get-ExoEwsSettings.ps1 in an open Exchange Online session' {
    BeforeEach {
        New-ExreadyExoLab
        Install-ExreadyExoStandIns
    }
    AfterEach { Remove-ExreadyExoStandIns }

    It 'reads the organisation, the mailbox, the RBAC for Applications scope; no connect, nothing changed' {
        $settings = & $read @{ appId = $appId; mailbox = 'erp@contoso.example' }
        $settings.format | Should -Be 'exready-exo-settings/1'
        $settings.organization.EwsEnabled | Should -BeTrue
        @($settings.organization.EwsAllowedAppIDs) | Should -Be @($appId)
        $settings.casMailbox.PrimarySmtpAddress | Should -Be 'erp@contoso.example'
        $settings.casMailbox.EwsEnabled | Should -BeNullOrEmpty
        $script:lastText | Should -Match '"EwsEnabled":\s+null'
        $settings.servicePrincipal.ObjectId | Should -Be '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a'
        # Only the ERP's own assignment, not another app's.
        @($settings.roleAssignments).Count | Should -Be 1
        $settings.roleAssignments[0].CustomResourceScope | Should -Be 'ERP mailboxes'
        $settings.authorization[0].InScope | Should -BeTrue
        @($settings.applicationAccessPolicies).Count | Should -Be 0
        $settings.accessPolicyTest | Should -BeNullOrEmpty
        $exoLab.calls | Should -Contain 'Get-ManagementRoleAssignment ServicePrincipal'
        $exoLab.calls | Should -Contain "Test-ServicePrincipalAuthorization $appId erp@contoso.example"
        @($exoLab.calls | Where-Object { $_ -match '^(Set|New|Remove|Add)-' }).Count | Should -Be 0
    }

    It 'reports a missing mailbox and service principal as null, and tests an application access policy' {
        $exoLab.servicePrincipal = $null
        $exoLab.organization.EwsEnabled = $null
        $exoLab.organization.EwsAllowedAppIDs = $null
        $exoLab.policies = @([pscustomobject]@{
                Identity = "contoso\$appId`:S-1-5-21"; AppId = $appId; ScopeName = 'ERP mailboxes'; ScopeIdentity = 'ERP mailboxes'
                AccessRight = 'RestrictAccess'; Description = 'ERP only'; ShardType = 'All'; IsValid = $true
            })
        $exoLab.accessTest = 'Denied'
        $settings = & $read @{ appId = $appId; mailbox = 'finance@contoso.example' }
        $settings.casMailbox | Should -BeNullOrEmpty
        $settings.servicePrincipal | Should -BeNullOrEmpty
        $settings.organization.EwsEnabled | Should -BeNullOrEmpty
        @($settings.organization.EwsAllowedAppIDs).Count | Should -Be 0
        $settings.applicationAccessPolicies[0].AccessRight | Should -Be 'RestrictAccess'
        $settings.accessPolicyTest.AccessCheckResult | Should -Be 'Denied'
        $exoLab.calls | Should -Not -Contain 'Get-ManagementRoleAssignment ServicePrincipal'
    }

    It 'takes a value with quotes as data, never as script text' {
        { & $read @{ appId = "x'; Remove-Item C:\ -Recurse; '"; mailbox = 'erp@contoso.example' } } | Should -Throw -ExpectedMessage "appId: *is not an application (client) id*"
    }
}

Describe 'Get-ExoEwsSettings.ps1 without a session' {
    BeforeEach {
        New-ExreadyExoLab
        Install-ExreadyExoStandIns
        # No session open: the session's cmdlets are not there until Connect-ExchangeOnline loads them.
        $global:exoSessionOpen = $false
        Mock Get-Command { if ($global:exoSessionOpen) { [pscustomobject]@{ Name = $Name; CommandType = 'Function' } } } -ParameterFilter { $Name -eq 'Get-OrganizationConfig' }
    }
    AfterEach { Remove-ExreadyExoStandIns }

    It 'says how to install ExchangeOnlineManagement when it is missing' {
        Mock Get-Module { } -ParameterFilter { $ListAvailable -and $Name -eq 'ExchangeOnlineManagement' }
        $answer = & $read @{ appId = $appId; mailbox = 'erp@contoso.example' }
        $LASTEXITCODE | Should -Be 3
        $answer.format | Should -Be 'exready-exo-error/1'
        $answer.code | Should -Be 'module-missing'
        $answer.message | Should -BeLike '*Install-Module ExchangeOnlineManagement*'
        $exoLab.calls | Should -Not -Contain 'Get-OrganizationConfig'
    }

    It 'connects with the given admin, reads, and disconnects' {
        Mock Get-Module { [pscustomobject]@{ Name = 'ExchangeOnlineManagement'; Version = [version]'3.7.1' } } -ParameterFilter { $ListAvailable -and $Name -eq 'ExchangeOnlineManagement' }
        Mock Import-Module { } -ParameterFilter { $Name -eq 'ExchangeOnlineManagement' }
        # The real Connect-ExchangeOnline loads the session's cmdlets; the stand-in installs them.
        function global:Connect-ExchangeOnline { param([string]$UserPrincipalName, [bool]$ShowBanner) $exoLab.calls.Add("Connect-ExchangeOnline $UserPrincipalName"); $global:exoSessionOpen = $true }
        function global:Disconnect-ExchangeOnline { param([switch]$Confirm) $exoLab.calls.Add('Disconnect-ExchangeOnline') }
        $settings = & $read @{ appId = $appId; mailbox = 'erp@contoso.example'; userPrincipalName = 'admin@contoso.onmicrosoft.com' }
        $settings.organization.EwsEnabled | Should -BeTrue
        $exoLab.calls[0] | Should -Be 'Connect-ExchangeOnline admin@contoso.onmicrosoft.com'
        $exoLab.calls[-1] | Should -Be 'Disconnect-ExchangeOnline'
    }
}
