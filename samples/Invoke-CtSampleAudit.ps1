<#
.SYNOPSIS
    Cross-tenant Defender posture audit of the sample estate.
.DESCRIPTION
    Signs in once to the managing tenant, then reports across every delegated customer: who you manage
    and how, secure score per customer, the controls worth most score, open high-severity
    recommendations, active alerts and Defender plan coverage. Problems with single subscriptions
    (no score yet, provider not registered, resource-group-only delegations) are reported as errors and
    warnings while everything else still comes back. Uses only Core cmdlets and .NET calls so it runs
    in pwsh and in a bare hosted engine alike. Against real Azure, replace the emulator sign-in with any
    Connect-CtAccount method.
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

Add-CtEnvironment -Name CtEmulator -ResourceManagerUrl $EnvironmentUrl -ActiveDirectoryAuthority $EnvironmentUrl -Scope Process | Out-Null
$secret = [System.Net.NetworkCredential]::new('', $ClientSecret).SecurePassword
$credential = [System.Management.Automation.PSCredential]::new($ApplicationId, $secret)
$context = Connect-CtAccount -Environment CtEmulator -ServicePrincipal -Credential $credential -TenantId $TenantId

# Per-subscription problems are part of the audit: collect them instead of stopping.
$ErrorActionPreference = 'Continue'
$problems = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()

"Signed in as $($context.Account) to managing tenant $($context.TenantId) ($($context.Environment))."
''
'== Tenants related to the managing tenant =='
$tenants = @(Get-CtTenant)
$tenants | Out-Default

'== Customers and their delegated subscriptions (home and managing tenants) =='
$subscriptions = @(Get-CtDelegatedSubscription -IncludeHome)
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
'== Lighthouse delegations that cannot feed a Defender audit =='
Get-CtDelegation -ErrorVariable +problems -ErrorAction SilentlyContinue | Where-Object { -not $_.DefenderReady } | Out-Default

'== Secure score per customer (weighted by subscription weight) =='
Get-CtSecureScore -AggregateBy Tenant -ErrorVariable +problems -ErrorAction SilentlyContinue | Out-Default

'== Controls worth most score across all customers =='
Get-CtSecureScoreControl -Top 5 -ErrorAction SilentlyContinue | Out-Default

'== Open high-severity recommendations =='
$high = @(Get-CtRecommendation -Severity High -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
foreach ($tenant in $tenants) {
    $mine = @($high | Where-Object TenantId -eq $tenant.TenantId)
    if ($mine.Count) { "{0}: {1} unhealthy high-severity result(s)" -f $tenant.DisplayName, $mine.Count }
}
$high | Out-Default

'== Active alerts =='
Get-CtAlert -Status Active -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Default

'== Defender plan coverage (servers) =='
Get-CtDefenderPlan -Plan VirtualMachines -ErrorAction SilentlyContinue | Out-Default

'== Subscriptions that could not be audited =='
foreach ($problem in $problems) {
    "{0}: {1}" -f $problem.FullyQualifiedErrorId.Split(',')[0], $problem.ErrorDetails.Message
    "    -> {0}" -f $problem.ErrorDetails.RecommendedAction
}
''
$own = @($subscriptions | Where-Object AccessType -eq 'Home').Count
$delegatedCount = @($subscriptions | Where-Object AccessType -eq 'Delegated').Count
$customerCount = @($tenants | Where-Object Relationship -eq 'Customer').Count
"Summary: $customerCount customer tenant(s), $delegatedCount delegated subscription(s), $own own subscription(s), $($high.Count) open high-severity recommendation(s)."
