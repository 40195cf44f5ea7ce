#Requires -Version 7.4
<#
    Tab completion as a user gets it in real pwsh: TabExpansion2 on -TenantId, -SubscriptionId, -Environment and
    the parameters with fixed values. Its own emulator with --log, so the requests completion sends can be counted.
    Sample estate: Contoso Defense (1111…) manages Northwind Traders (2222…, 3 subscriptions 2b22…), Tailspin Toys
    (3333…, 3 subscriptions 3c33…) and Woodgrove Bank (4444…, 2); the MSSP has 2 subscriptions of its own.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    Import-Module (Get-CtBuiltModuleManifest)
    $script:Emulator = Start-CtTestEmulator -ArgumentList '--log'
    $script:Northwind = '22222222-2222-4222-8222-222222222222'
    $script:TailspinRetail = '3c333333-0000-4000-8000-000000000001'

    function Complete([string] $InputScript) {
        @((TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches)
    }
    function Get-ListingCount {
        # Requests for the subscription and tenant lists, as the emulator logged them (a listing may be several pages).
        Start-Sleep -Milliseconds 500   # the emulator logs a request just after answering it
        @(Get-Content $script:Emulator.LogPath | Where-Object { $_ -match '^GET /(subscriptions|tenants) ->' }).Count
    }
}

AfterAll {
    Disconnect-CtAccount -ErrorAction SilentlyContinue | Out-Null
    Remove-CtEnvironment -Name CtCompletion -Confirm:$false -ErrorAction SilentlyContinue
    if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
}

Describe 'Completion before signing in' {
    BeforeAll { Disconnect-CtAccount -ErrorAction SilentlyContinue | Out-Null }

    It 'offers no tenant or subscription and sends no request' {
        Complete 'Get-CtSecureScore -TenantId ' | Should -BeNullOrEmpty
        Complete 'Get-CtAlert -SubscriptionId 2b' | Should -BeNullOrEmpty
        Get-ListingCount | Should -Be 0
    }

    It 'completes the built-in environment names' {
        (Complete 'Connect-CtAccount -Environment azure').CompletionText | Sort-Object |
            Should -Be @('AzureChinaCloud', 'AzureCloud', 'AzureUSGovernment')
    }
}

Describe 'Completion when signed in' {
    BeforeAll { $null = Connect-CtTestAccount $script:Emulator -EnvironmentName CtCompletion }

    It 'inserts the tenant id and shows the name in the list and the tooltip' {
        $all = Complete 'Get-CtSecureScore -TenantId '
        $all.Count | Should -Be 4
        $northwind = $all | Where-Object CompletionText -eq $script:Northwind
        $northwind.ListItemText | Should -Be 'Northwind Traders (22222222…)'
        $northwind.ToolTip | Should -Match 'Northwind Traders'
        $northwind.ResultType | Should -Be 'ParameterValue'
    }

    It 'narrows tenants to Northwind from <Typed>' -ForEach @(
        @{ Typed = 'north' }, @{ Typed = 'NORTHWIND' }, @{ Typed = "'Northwind Tr" }, @{ Typed = '*wind*trad' }, @{ Typed = '2222' }
    ) {
        (Complete "Get-CtAlert -TenantId $Typed").CompletionText | Should -Be $script:Northwind
    }

    It 'narrows subscriptions by part of an id and shows name, tenant and state' {
        $tailspin = Complete 'Get-CtRecommendation -SubscriptionId 3c33'
        $tailspin.Count | Should -Be 3
        $retail = $tailspin | Where-Object CompletionText -eq $script:TailspinRetail
        $retail.ListItemText | Should -Be 'Tailspin Retail (3c333333…)'
        $retail.ToolTip | Should -Match 'Tailspin Retail'
        $retail.ToolTip | Should -Match '33333333-3333-4333-8333-333333333333'
        $retail.ToolTip | Should -Match 'Enabled'
    }

    It 'narrows subscriptions by part of a name, and to the tenant already given' {
        (Complete 'Get-CtSecureScore -SubscriptionId legacy').ListItemText | Should -Be 'Northwind Legacy (2b222222…)'
        $northwindOnly = Complete "Get-CtAlert -TenantId $script:Northwind -SubscriptionId "
        $northwindOnly.Count | Should -Be 3
        $northwindOnly.CompletionText | Should -Match '^2b222222-'
    }

    It 'sends no further listing for later Tabs' {
        $before = Get-ListingCount
        $before | Should -BeGreaterThan 0
        1..3 | ForEach-Object {
            $null = Complete 'Get-CtSecureScore -SubscriptionId '
            $null = Complete 'Get-CtSecureScore -TenantId '
        }
        Get-ListingCount | Should -Be $before
    }

    It 'completes custom environment names with where they come from' {
        $custom = Complete 'Remove-CtEnvironment -Name CtCompl'
        $custom.CompletionText | Should -Be 'CtCompletion'
        $custom.ToolTip | Should -Match 'Process'
    }

    It 'completes <Command> -<Parameter>' -ForEach @(
        @{ Command = 'Get-CtAlert'; Parameter = 'Severity'; Expected = 'High', 'Informational', 'Low', 'Medium' }
        @{ Command = 'Get-CtRecommendation'; Parameter = 'Status'; Expected = 'Healthy', 'NotApplicable', 'Unhealthy' }
        @{ Command = 'Set-CtAlertState'; Parameter = 'State'; Expected = 'Active', 'Dismissed', 'InProgress', 'Resolved' }
        @{ Command = 'Get-CtSecureScore'; Parameter = 'AggregateBy'; Expected = 'Subscription', 'Tenant' }
        @{ Command = 'Get-CtDefenderPlan'; Parameter = 'Source'; Expected = 'Arm', 'Auto', 'ResourceGraph' }
        @{ Command = 'Add-CtEnvironment'; Parameter = 'Scope'; Expected = 'CurrentUser', 'Process' }
    ) {
        (Complete "$Command -$Parameter ").CompletionText | Sort-Object -CaseSensitive | Should -Be $Expected
    }

    It 'completes Defender plan names' {
        (Complete 'Get-CtDefenderPlan -Plan stor').CompletionText | Should -Be 'StorageAccounts'
    }
}
