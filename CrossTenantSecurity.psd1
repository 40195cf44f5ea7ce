@{
    RootModule             = 'CrossTenantSecurity.psm1'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f3c47-9d2e-4b8a-a6c1-3e7f2d9a8c41'
    Author                 = 'CrossTenantSecurity contributors'
    CompanyName            = 'CrossTenantSecurity'
    Copyright              = '(c) CrossTenantSecurity contributors. MIT License.'
    Description            = 'Microsoft Defender for Cloud security posture across every tenant delegated to you through Azure Lighthouse, from one sign-in to your managing tenant.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('CrossTenantSecurity.Format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Connect-CtAccount'
        'Disconnect-CtAccount'
        'Get-CtContext'
        'Add-CtEnvironment'
        'Get-CtEnvironment'
        'Remove-CtEnvironment'
        'Get-CtTenant'
        'Get-CtDelegatedSubscription'
        'Get-CtDelegation'
        'Get-CtXdrTenant'
        'Get-CtSecureScore'
        'Get-CtSecureScoreControl'
        'Get-CtRecommendation'
        'Get-CtAlert'
        'Set-CtAlertState'
        'Get-CtDefenderPlan'
        'Get-CtRegulatoryCompliance'
        'Invoke-CtResourceGraphQuery'
        'Get-CtPostureSnapshot'
        'Export-CtPostureReport'
        'Save-CtPostureSnapshot'
        'Get-CtPostureHistory'
        'Compare-CtPostureSnapshot'
        'Test-CtPosture'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Azure', 'Lighthouse', 'Defender', 'DefenderForCloud', 'SecureScore', 'MSSP', 'MultiTenant', 'Security', 'DefenderXDR', 'MicrosoftGraph')
            LicenseUri   = 'https://github.com/crosstenantsecurity/CrossTenantSecurity/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/crosstenantsecurity/CrossTenantSecurity'
            ReleaseNotes = 'Sign-in to the managing tenant (per runspace or per process); clouds saved per user; tenants and delegated subscriptions with home and managing tenants; Lighthouse delegations; secure score, controls, recommendations, alerts, Defender plans and regulatory compliance across every customer, from ARM or Resource Graph; whole-estate posture snapshots and a self-contained HTML report; posture history in SQLite, drift and a CI gate with JUnit/NUnit output; tab completion of tenants, subscriptions and clouds.'
        }
    }
}
