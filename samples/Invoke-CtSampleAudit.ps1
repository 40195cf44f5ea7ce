<#
.SYNOPSIS
    Cross-tenant posture audit of the sample estate: who we manage, and how each subscription is reached.
.DESCRIPTION
    Signs in to the managing tenant once, then lists every related tenant and every subscription reachable
    from it, with home (customer) and managing tenants resolved. Uses only Core cmdlets and .NET calls so
    it runs in pwsh and in a bare hosted engine alike. Against real Azure, replace the emulator sign-in
    with any Connect-CtAccount method.
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = $env:CT_MODULE_MANIFEST,
    [string] $EnvironmentUrl = $env:CT_EMULATOR_URL,
    [string] $TenantId = $env:CT_EMULATOR_TENANT_ID,
    [string] $ApplicationId = $env:CT_EMULATOR_APP_ID,
    [string] $ClientSecret = $env:CT_EMULATOR_SECRET
)
$ErrorActionPreference = 'Stop'

if ($ModuleManifest) { Import-Module $ModuleManifest } else { Import-Module CrossTenantSecurity }

Add-CtEnvironment -Name CtEmulator -ResourceManagerUrl $EnvironmentUrl -ActiveDirectoryAuthority $EnvironmentUrl | Out-Null
$secret = [System.Net.NetworkCredential]::new('', $ClientSecret).SecurePassword
$credential = [System.Management.Automation.PSCredential]::new($ApplicationId, $secret)
$context = Connect-CtAccount -Environment CtEmulator -ServicePrincipal -Credential $credential -TenantId $TenantId

"Signed in as $($context.Account) to managing tenant $($context.TenantId) ($($context.Environment))."
''
'== Tenants related to the managing tenant =='
$tenants = @(Get-CtTenant)
$tenants | Out-Default

'== Subscriptions reachable from the managing tenant (-IncludeHome) =='
$subscriptions = @(Get-CtDelegatedSubscription -IncludeHome)
$subscriptions | Out-Default

'== Customers and their delegated subscriptions =='
foreach ($tenant in $tenants) {
    if ($tenant.Relationship -ne 'Customer') { continue }
    $delegated = @($subscriptions | Where-Object { $_.TenantId -eq $tenant.TenantId -and $_.AccessType -eq 'Delegated' })
    "{0} (home tenant {1}): {2} delegated subscription(s)" -f $tenant.DisplayName, $tenant.TenantId, $delegated.Count
    foreach ($s in $delegated) {
        $others = @($s.ManagedByTenantIds | Where-Object { $_ -ne $s.ManagingTenantId })
        $note = if ($others.Count) { "; also managed by $($others -join ', ')" } else { '' }
        "    {0,-28} {1}  {2,-8} managed by {3}{4}" -f $s.DisplayName, $s.SubscriptionId, $s.State, $s.ManagingTenantId, $note
    }
}
''
$own = @($subscriptions | Where-Object AccessType -eq 'Home').Count
$delegatedCount = @($subscriptions | Where-Object AccessType -eq 'Delegated').Count
$customerCount = @($tenants | Where-Object Relationship -eq 'Customer').Count
"Summary: $customerCount customer tenant(s), $delegatedCount delegated subscription(s), $own own subscription(s)."
