<#
.SYNOPSIS
    Cross-tenant Defender posture audit of the sample estate.
.DESCRIPTION
    Signs in once to the managing tenant, then reports across every delegated customer: who you manage
    and how, secure score per customer, the controls worth most score, open high-severity
    recommendations, active alerts and Defender plan coverage. Problems with single subscriptions
    (no score yet, provider not registered, resource-group-only delegations) are listed at the end with
    their fix while everything else still comes back.

    Every section fits 80 columns and is sorted, so the report reads the same in a terminal, in a log
    file and in a pipeline's output. Against real Azure, replace the emulator sign-in with any
    Connect-CtAccount method.
.EXAMPLE
    ./build.ps1 -Audit      # starts the emulator with the sample estate and runs this script in pwsh
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = $env:CT_MODULE_MANIFEST,
    [string] $EnvironmentUrl = $env:CT_EMULATOR_URL,
    [string] $TenantId = $env:CT_EMULATOR_TENANT_ID,
    [string] $ApplicationId = $env:CT_EMULATOR_APP_ID,
    [string] $ClientSecret = $env:CT_EMULATOR_SECRET,
    # Where the final section writes the self-contained HTML report of the whole estate; '' skips it. Default: reports/ in
    # the build's out/ folder (beside the assembled module), else the temp folder.
    [string] $ReportPath = $(if ($env:CT_REPORT_PATH) { $env:CT_REPORT_PATH }
        elseif ($ModuleManifest) { [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName([System.IO.Path]::GetDirectoryName([System.IO.Path]::GetDirectoryName([System.IO.Path]::GetFullPath($ModuleManifest)))), 'reports', 'posture-report.html') }
        else { [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'CrossTenantSecurity', 'posture-report.html') })
)
$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }   # a log file gets no colour escapes

if ($ModuleManifest) { Import-Module $ModuleManifest } else { Import-Module CrossTenantSecurity }

# -Scope Process: the emulator's address is for this run only, never saved in the user's profile.
Add-CtEnvironment -Name CtEmulator -ResourceManagerUrl $EnvironmentUrl -ActiveDirectoryAuthority $EnvironmentUrl -Scope Process | Out-Null
$secret = [System.Net.NetworkCredential]::new('', $ClientSecret).SecurePassword
$credential = [System.Management.Automation.PSCredential]::new($ApplicationId, $secret)
$context = Connect-CtAccount -Environment CtEmulator -ServicePrincipal -Credential $credential -TenantId $TenantId

# Per-subscription problems are part of the audit: collect them (and warnings) instead of stopping.
$ErrorActionPreference = 'Continue'
$problems = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
$notes = [System.Collections.ArrayList]::new()
$severityRank = @{ High = 0; Medium = 1; Low = 2; Informational = 3 }

function Write-Section([string] $Title) { ''; "== $Title ==" }

function Write-Table {
    # A table of the columns that matter, at most 80 characters wide whatever the host's width.
    param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)] [object[]] $Property)
    begin { $rows = [System.Collections.Generic.List[object]]::new() }
    process { $rows.Add($InputObject) }
    end { if ($rows.Count) { ($rows | Format-Table -Property $Property | Out-String -Width 80).Trim("`r", "`n") } else { '(none)' } }
}

function Write-Wrapped([string] $Text, [string] $Indent = '    ', [int] $Width = 80) {
    # Long free text (error messages, fixes) wrapped at word boundaries rather than cut.
    $line = $Indent
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if ($line.Length + $word.Length + 1 -gt $Width -and $line.Trim()) { $line.TrimEnd(); $line = $Indent }
        $line += $word + ' '
    }
    if ($line.Trim()) { $line.TrimEnd() }
}

function Get-Short([string] $Text, [int] $Length) {
    if ($Text.Length -le $Length) { $Text } else { $Text.Substring(0, $Length - 1) + '…' }
}

"Signed in as $($context.Account) ($($context.Environment))"
"Managing tenant: $($context.TenantId)"

Write-Section 'Tenants related to the managing tenant'
$tenants = @(Get-CtTenant | Sort-Object { [int]$_.Relationship }, DisplayName)
$tenants | Write-Table DisplayName, TenantId, Relationship, @{ n = 'Subs'; e = { $_.SubscriptionCount } }

Write-Section 'Customers and their delegated subscriptions'
$subscriptions = @(Get-CtDelegatedSubscription -IncludeHome)
foreach ($tenant in $tenants | Where-Object Relationship -eq 'Customer') {
    $delegated = @($subscriptions | Where-Object { $_.TenantId -eq $tenant.TenantId -and $_.AccessType -eq 'Delegated' } | Sort-Object DisplayName)
    '{0}: {1} delegated subscription(s)' -f $tenant.DisplayName, $delegated.Count
    foreach ($s in $delegated) {
        '  {0,-26} {1} {2}' -f (Get-Short $s.DisplayName 26), $s.SubscriptionId, $s.State
        $others = @($s.ManagedByTenantIds | Where-Object { $_ -ne $s.ManagingTenantId })
        if ($others.Count) { '    also managed by {0}' -f ($others -join ', ') }
    }
}

Write-Section 'Lighthouse delegations that cannot feed a Defender audit'
$blocked = @(Get-CtDelegation -ErrorVariable +problems -ErrorAction SilentlyContinue -WarningVariable +notes -WarningAction SilentlyContinue |
        Where-Object { -not $_.DefenderReady } | Sort-Object TenantName, SubscriptionName)
$blocked | Write-Table @{ n = 'Customer'; e = { Get-Short $_.TenantName 18 } }, @{ n = 'Subscription'; e = { Get-Short $_.SubscriptionName 24 } },
    @{ n = 'Scope'; e = { if ($_.ResourceGroup) { $_.ResourceGroup } else { "$($_.ScopeType)" } } },
    @{ n = 'Roles'; e = { Get-Short ((@($_.Authorizations.RoleName) | Sort-Object -Unique) -join ', ') 24 } }

Write-Section 'Secure score per customer (weighted by subscription weight)'
Get-CtSecureScore -AggregateBy Tenant -ErrorVariable +problems -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
    Sort-Object { if ($_.SubscriptionCount) { $_.Percentage } else { [double]::MaxValue } }, TenantName |
    Write-Table @{ n = 'Customer'; e = { Get-Short $_.TenantName 28 } },
        @{ n = 'Score'; a = 'Right'; e = { if ($_.SubscriptionCount) { '{0:0.0} %' -f $_.Percentage } else { 'n/a' } } },
        @{ n = 'Scored'; e = { $_.SubscriptionCount } }, @{ n = 'Missing'; e = { $_.MissingCount } }, Weight

Write-Section 'Controls worth most score across all customers'
Get-CtSecureScoreControl -Top 5 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Sort-Object Rank |
    Write-Table Rank, @{ n = 'Control'; e = { Get-Short $_.DisplayName 36 } }, @{ n = 'Gain'; e = { '{0:0.#}' -f $_.PotentialIncrease }; a = 'Right' },
        @{ n = 'Unhealthy'; e = { $_.UnhealthyResourceCount } }, @{ n = 'Subs'; e = { $_.SubscriptionCount } }, @{ n = 'Tenants'; e = { $_.TenantCount } }

Write-Section 'Open high-severity recommendations'
$high = @(Get-CtRecommendation -Severity High -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
$high | Group-Object TenantName | Sort-Object Name |
    Write-Table @{ n = 'Customer'; e = { $_.Name } }, @{ n = 'Unhealthy'; e = { $_.Count } },
        @{ n = 'Subscriptions'; e = { @($_.Group.SubscriptionId | Sort-Object -Unique).Count } }
''
'Most frequent:'
$high | Group-Object DisplayName | Sort-Object @{ e = 'Count'; Descending = $true }, Name | Select-Object -First 8 |
    Write-Table @{ n = 'Results'; e = { $_.Count } }, @{ n = 'Recommendation'; e = { Get-Short $_.Name 56 } },
        @{ n = 'Tenants'; e = { @($_.Group.TenantId | Sort-Object -Unique).Count } }

Write-Section 'Active alerts'
Get-CtAlert -Status Active -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
    Sort-Object { $severityRank["$($_.Severity)"] }, StartTimeUtc |
    Write-Table @{ n = 'Severity'; e = { "$($_.Severity)" } }, @{ n = 'Customer'; e = { Get-Short $_.TenantName 18 } },
        @{ n = 'Alert'; e = { Get-Short $_.DisplayName 30 } }, @{ n = 'Started (UTC)'; e = { $_.StartTimeUtc.UtcDateTime.ToString('yyyy-MM-dd HH:mm') } }

Write-Section 'Defender for Servers coverage'
Get-CtDefenderPlan -Plan VirtualMachines -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Sort-Object TenantName, SubscriptionName |
    Write-Table @{ n = 'Customer'; e = { Get-Short $_.TenantName 18 } }, @{ n = 'Subscription'; e = { Get-Short $_.SubscriptionName 26 } },
        Tier, @{ n = 'Plan'; e = { if ($_.SubPlan) { $_.SubPlan } else { '-' } } }, @{ n = 'Enabled'; e = { $_.Enabled } }

Write-Section 'Subscriptions that could not be audited'
$byName = @{}
foreach ($s in $subscriptions) { $byName["$($s.SubscriptionId)"] = $s }
if (-not $problems.Count) { '(none)' }
foreach ($problem in $problems | Sort-Object { "$($_.TargetObject)" }, FullyQualifiedErrorId) {
    $target = $problem.TargetObject
    $id = if ($target.PSObject.Properties['SubscriptionId']) { "$($target.SubscriptionId)" } else { "$target" }
    $name = if ($byName.ContainsKey($id)) { '{0} ({1})' -f $byName[$id].DisplayName, $byName[$id].TenantName } else { "$target" }
    '{0}: {1}' -f $problem.FullyQualifiedErrorId.Split(',')[0], $name
    Write-Wrapped $problem.ErrorDetails.Message
    Write-Wrapped ('Fix: ' + $problem.ErrorDetails.RecommendedAction)
}
if ($notes.Count) {
    ''
    'Notes:'
    foreach ($note in $notes | ForEach-Object { "$_" } | Sort-Object -Unique) { Write-Wrapped $note '  ' }
}

''
$own = @($subscriptions | Where-Object AccessType -eq 'Home').Count
$delegatedCount = @($subscriptions | Where-Object AccessType -eq 'Delegated').Count
$customerCount = @($tenants | Where-Object Relationship -eq 'Customer').Count
"Summary: $customerCount customer tenant(s), $delegatedCount delegated subscription(s), $own own,"
"$($high.Count) open high-severity recommendation(s), $($problems.Count) subscription problem(s)."

if ($ReportPath) {
    # The whole estate again in one pass: one snapshot (every posture kind, failures as data) and the HTML report.
    Write-Section 'Whole estate in one pass: posture snapshot and HTML report'
    $snapshot = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $snapshot.Tenants | Write-Table @(   # customers come sorted by name
        @{ Label = 'Customer'; Expression = { Get-Short $_.TenantName 24 } }
        @{ Label = 'Score'; Expression = { if ([double]::IsNaN($_.Percentage)) { 'n/a' } else { '{0:N1} %' -f $_.Percentage } }; Align = 'Right' }
        @{ Label = 'High'; Expression = { $_.Unhealthy.High } }
        @{ Label = 'Medium'; Expression = { $_.Unhealthy.Medium } }
        @{ Label = 'Low'; Expression = { $_.Unhealthy.Low } }
        @{ Label = 'Alerts'; Expression = { $_.ActiveAlertCount } }
        @{ Label = 'Not read'; Expression = { $_.FailedSubscriptionCount } })
    "Snapshot: $($snapshot.TenantCount) customer(s), $($snapshot.SubscriptionCount) subscription(s), $($snapshot.AuditedCount) fully read,"
    "$($snapshot.FailureCount) failed read(s), weighted score {0:N1} %." -f $snapshot.Percentage
    $report = $snapshot | Export-CtPostureReport -Path $ReportPath
    # Under the current folder the path prints relative to it, so a log reads the same wherever the repository is.
    $here = $PWD.ProviderPath
    $shown = if ($report.FullName.StartsWith($here + [System.IO.Path]::DirectorySeparatorChar)) { [System.IO.Path]::GetRelativePath($here, $report.FullName) } else { $report.FullName }
    "Report: $shown"
}
