#Requires -Version 7.4
<#
    What a user sees, cmdlet by cmdlet, in real pwsh against the emulator's sample estate: default views,
    pipeline binding by property name, -WhatIf, and stable error ids on bad input.
    Sample estate: managing tenant Contoso Defense (1111…), customers Northwind Traders (2222…, 3 subscriptions),
    Tailspin Toys (3333…, 3) and Woodgrove Bank (4444…, 2, resource-group delegations only). For Defender XDR the
    automation app is consented in Northwind, Tailspin and Fabrikam Health (6666…, no Lighthouse delegation) for Graph
    and Defender for Endpoint, in Woodgrove for Graph only, and not at all in Adventure Works (7777…).
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    Import-Module (Get-CtBuiltModuleManifest)
    $script:Emulator = Start-CtTestEmulator
    $script:Context = Connect-CtTestAccount $script:Emulator
    $script:Managing = [guid]'11111111-1111-4111-8111-111111111111'
    $script:Northwind = [guid]'22222222-2222-4222-8222-222222222222'
    $script:Woodgrove = [guid]'44444444-4444-4444-8444-444444444444'
    $script:NorthwindProduction = [guid]'2b222222-0000-4000-8000-000000000001'

    function Get-ErrorIds([scriptblock] $Command) {
        # The non-terminating errors a command writes, as error ids (its output and warnings are dropped).
        $ErrorActionPreference = 'Continue'
        $WarningPreference = 'SilentlyContinue'
        @(& $Command 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | Get-CtErrorId)
    }
    function Get-TerminatingErrorId([scriptblock] $Command) {
        try { $null = & $Command; $null } catch { $_ | Get-CtErrorId }
    }
}

AfterAll {
    if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
}

Describe 'Connect-CtAccount' {
    It 'signs in to the managing tenant and returns the context' {
        $script:Context.TenantId | Should -Be $script:Managing
        $script:Context.Environment | Should -Be 'CtTest'
        $script:Context.PSObject.TypeNames | Should -Contain 'CrossTenantSecurity.Context'
    }
    It 'rejects a tenant id that is not a GUID with Account.InvalidTenantId' {
        $credential = [pscredential]::new($script:Emulator.ApplicationId, (ConvertTo-SecureString 'x' -AsPlainText -Force))
        Get-TerminatingErrorId { Connect-CtAccount -Environment CtTest -ServicePrincipal -Credential $credential -TenantId 'not-a-guid' } |
            Should -Be 'Account.InvalidTenantId'
    }
    It 'reports a wrong secret as Credential.SignInFailed and keeps the current sign-in' {
        $credential = [pscredential]::new($script:Emulator.ApplicationId, (ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force))
        Get-TerminatingErrorId { Connect-CtAccount -Environment CtTest -ServicePrincipal -Credential $credential -TenantId $script:Managing } |
            Should -Be 'Credential.SignInFailed'
        (Get-CtContext).TenantId | Should -Be $script:Managing
    }
    It 'switches the session before writing the context, so Select-Object -First 1 keeps the new sign-in' {
        $reporting = [pscredential]::new('c0000000-0000-4000-8000-0000000000c2', (ConvertTo-SecureString 'sample-only-reporting-secret' -AsPlainText -Force))
        try {
            $first = Connect-CtAccount -Environment CtTest -ServicePrincipal -Credential $reporting -TenantId $script:Managing | Select-Object -First 1
            $first.Account | Should -Be 'c0000000-0000-4000-8000-0000000000c2'
            (Get-CtContext).Account | Should -Be 'c0000000-0000-4000-8000-0000000000c2'
        }
        finally {
            $script:Context = Connect-CtTestAccount $script:Emulator
        }
    }
    It 'rejects an unknown environment with Environment.NotFound' {
        Get-TerminatingErrorId { Connect-CtAccount -Environment NoSuchCloud -Identity } | Should -Be 'Environment.NotFound'
    }
}

Describe 'Get-CtContext' {
    It 'shows account, tenant, environment and method in its default view' {
        Get-CtContext | Get-CtTableHeader | Should -Be @('Account', 'TenantId', 'Environment', 'AuthenticationMethod')
    }
}

Describe 'Disconnect-CtAccount' {
    It 'drops the sign-in so the next command says Context.NotConnected' {
        Disconnect-CtAccount
        Get-CtContext | Should -BeNullOrEmpty
        Get-TerminatingErrorId { Get-CtTenant } | Should -Be 'Context.NotConnected'
    }
    AfterAll { $script:Context = Connect-CtTestAccount $script:Emulator }
}

Describe 'Add-CtEnvironment' {
    It 'adds a cloud that Get-CtEnvironment then lists' {
        Add-CtEnvironment -Name PesterCloud -ResourceManagerUrl https://management.pester.example/ -ActiveDirectoryAuthority https://login.pester.example/ -Scope Process |
            Select-Object -ExpandProperty Name | Should -Be 'PesterCloud'
        (Get-CtEnvironment -Name PesterCloud).ResourceManagerUrl | Should -Be 'https://management.pester.example/'
    }
    It 'refuses a plain-http endpoint with Environment.InsecureUrl' {
        Get-TerminatingErrorId { Add-CtEnvironment -Name Insecure -ResourceManagerUrl http://127.0.0.1/ -ActiveDirectoryAuthority https://login.example/ -Scope Process } |
            Should -Be 'Environment.InsecureUrl'
    }
}

Describe 'Get-CtEnvironment' {
    It 'lists the three built-in clouds with their endpoints' {
        $builtIn = @(Get-CtEnvironment | Where-Object Source -eq 'BuiltIn')
        $builtIn.Name | Sort-Object | Should -Be @('AzureChinaCloud', 'AzureCloud', 'AzureUSGovernment')
        Get-CtEnvironment | Get-CtTableHeader | Select-Object -First 3 | Should -Be @('Name', 'ResourceManagerUrl', 'ActiveDirectoryAuthority')
    }
    It 'says Environment.NotFound for a name it does not know' {
        Get-ErrorIds { Get-CtEnvironment -Name NoSuchCloud } | Should -Be 'Environment.NotFound'
    }
    It 'says where each environment comes from' {
        (Get-CtEnvironment -Name CtTest).Source | Should -Be 'Process'
    }
}

Describe 'Remove-CtEnvironment' {
    It 'removes a custom cloud, and -WhatIf removes nothing' {
        Add-CtEnvironment -Name PesterGone -ResourceManagerUrl https://management.gone.example/ -ActiveDirectoryAuthority https://login.gone.example/ -Scope Process | Out-Null
        Remove-CtEnvironment -Name PesterGone -WhatIf
        Get-CtEnvironment -Name PesterGone | Should -Not -BeNullOrEmpty
        Get-CtEnvironment -Name PesterGone | Remove-CtEnvironment -Confirm:$false
        Get-ErrorIds { Get-CtEnvironment -Name PesterGone } | Should -Be 'Environment.NotFound'
    }
    It 'refuses to remove a built-in cloud with Environment.BuiltIn' {
        Get-ErrorIds { Remove-CtEnvironment -Name AzureCloud -Confirm:$false } | Should -Be 'Environment.BuiltIn'
        Get-CtEnvironment -Name AzureCloud | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-CtTenant' {
    It 'lists the managing tenant and its three customers' {
        $tenants = @(Get-CtTenant)
        $tenants.Count | Should -Be 4
        ($tenants | Where-Object Relationship -eq 'Managing').TenantId | Should -Be $script:Managing
        @($tenants | Where-Object Relationship -eq 'Customer').Count | Should -Be 3
    }
    It 'shows name, id, domain, relationship and subscriptions by default' {
        Get-CtTenant | Get-CtTableHeader | Should -Be @('DisplayName', 'TenantId', 'DefaultDomain', 'Relationship', 'Subs')
    }
}

Describe 'Get-CtXdrTenant' {
    BeforeAll {
        $script:Fabrikam = [guid]'66666666-6666-4666-8666-666666666666'
        $script:AdventureWorks = [guid]'77777777-7777-4777-8777-777777777777'
    }
    It 'gets a Microsoft Graph token in each Lighthouse customer and reads the permissions it carries' {
        $tenants = @(Get-CtXdrTenant -WarningAction SilentlyContinue)
        $tenants.TenantName | Sort-Object | Should -Be @('Northwind Traders', 'Tailspin Toys', 'Woodgrove Bank')
        ($tenants | Where-Object TenantId -eq $script:Northwind).Ready | Should -BeTrue
        ($tenants | Where-Object TenantId -eq $script:Northwind).GraphPermissions | Should -Contain 'ThreatHunting.Read.All'
        $woodgrove = $tenants | Where-Object TenantId -eq $script:Woodgrove
        $woodgrove.DefenderEndpointAccess | Should -Be 'ConsentRequired'
        $woodgrove.Ready | Should -BeFalse
    }
    It 'warns once about a tenant that gives Graph but not Defender for Endpoint' {
        $null = Get-CtXdrTenant -TenantId $script:Woodgrove -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'AADSTS65001'
    }
    It 'reaches a tenant that consented without a Lighthouse delegation, and types the one that did not' {
        $errors = $null
        $reached = @(Get-CtXdrTenant -TenantId $script:Fabrikam, $script:AdventureWorks -ErrorAction SilentlyContinue -ErrorVariable errors)
        $reached.TenantId | Should -Be $script:Fabrikam
        $reached[0].Ready | Should -BeTrue
        @($errors).Count | Should -Be 1
        $errors[0] | Get-CtErrorId | Should -Be 'XdrTenant.ConsentRequired'
        $errors[0].TargetObject | Should -Be $script:AdventureWorks
        $errors[0].ErrorDetails.RecommendedAction | Should -Match "$($script:AdventureWorks)/adminconsent\?client_id="
        "$($errors[0])" | Should -Match 'AADSTS700016'
    }
    It 'binds -TenantId from Get-CtTenant by property name' {
        @(Get-CtTenant -TenantId $script:Northwind | Get-CtXdrTenant).TenantId | Should -Be $script:Northwind
    }
    It 'shows name, id, readiness, Defender for Endpoint access and what is missing by default' {
        Get-CtXdrTenant -TenantId $script:Northwind | Get-CtTableHeader | Should -Be @('TenantName', 'TenantId', 'Ready', 'Defender', 'MissingPermissions')
    }
    It 'rejects a tenant id that is not a GUID with XdrTenant.InvalidTenantId' {
        Get-ErrorIds { Get-CtXdrTenant -TenantId 'not-a-guid' } | Should -Be 'XdrTenant.InvalidTenantId'
    }
    It 'never writes a token to any stream' {
        $all = & {
            $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $ErrorActionPreference = 'Continue'
            Get-CtXdrTenant -TenantId $script:Northwind, $script:AdventureWorks *>&1
        } | Out-String
        $all | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10,}\.'
    }
}

Describe 'Get-CtDelegatedSubscription' {
    It 'returns the eight delegated subscriptions with their customer as TenantId' {
        $subscriptions = @(Get-CtDelegatedSubscription)
        $subscriptions.Count | Should -Be 8
        $subscriptions.AccessType | Sort-Object -Unique | Should -Be 'Delegated'
        $subscriptions.TenantId | Should -Not -Contain $script:Managing
        $subscriptions.ManagingTenantId | Sort-Object -Unique | Should -Be $script:Managing
    }
    It 'adds the managing tenant''s own subscriptions with -IncludeHome' {
        @(Get-CtDelegatedSubscription -IncludeHome | Where-Object AccessType -eq 'Home').Count | Should -Be 2
    }
    It 'binds -TenantId from Get-CtTenant by property name' {
        $northwind = @(Get-CtTenant | Where-Object DisplayName -eq 'Northwind Traders' | Get-CtDelegatedSubscription)
        $northwind.Count | Should -Be 3
        $northwind.TenantId | Sort-Object -Unique | Should -Be $script:Northwind
    }
    It 'shows name, id, state, customer, access and managers by default' {
        Get-CtDelegatedSubscription | Get-CtTableHeader | Should -Be @('DisplayName', 'SubscriptionId', 'State', 'TenantName', 'AccessType', 'Managers')
    }
    It 'rejects a subscription id that is not a GUID with DelegatedSubscription.InvalidSubscriptionId' {
        Get-TerminatingErrorId { Get-CtDelegatedSubscription -SubscriptionId 'nope' } | Should -Be 'DelegatedSubscription.InvalidSubscriptionId'
    }
    It 'says why the managing tenant given with -TenantId returns nothing, and which switch includes it' {
        $errors = $null
        @(Get-CtDelegatedSubscription -TenantId $script:Managing -ErrorAction SilentlyContinue -ErrorVariable errors).Count | Should -Be 0
        $errors | Get-CtErrorId | Should -Be 'DelegatedSubscription.NotInScope'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match '-IncludeHome'
        @(Get-CtDelegatedSubscription -TenantId $script:Managing -IncludeHome).Count | Should -Be 2
    }
    It 'says so when -TenantId and -SubscriptionId together select nothing' {
        $tailspinProduction = '3c333333-0000-4000-8000-000000000001'
        $errors = $null
        @(Get-CtSecureScore -TenantId $script:Northwind -SubscriptionId $tailspinProduction -ErrorAction SilentlyContinue -ErrorVariable errors).Count | Should -Be 0
        @($errors | Get-CtErrorId) | Should -Be @('SecureScore.NotInScope', 'SecureScore.NotInScope')
        @($errors.TargetObject) | Should -Contain $tailspinProduction
        @($errors.TargetObject) | Should -Contain $script:Northwind
    }
    It 'says DelegatedSubscription.NotFound for a subscription that is not delegated to you' {
        Get-ErrorIds { Get-CtDelegatedSubscription -SubscriptionId ([guid]::NewGuid()) } | Should -Be 'DelegatedSubscription.NotFound'
    }
}

Describe 'Get-CtDelegation' {
    It 'flags the resource-group-only offers of Woodgrove as not Defender-ready' {
        $blocked = @(Get-CtDelegation -WarningAction SilentlyContinue | Where-Object { -not $_.DefenderReady })
        $blocked.TenantId | Sort-Object -Unique | Should -Be $script:Woodgrove
        $blocked.ScopeType | Sort-Object -Unique | Should -Be 'ResourceGroup'
    }
    It 'binds -SubscriptionId from Get-CtDelegatedSubscription by property name' {
        $delegations = @(Get-CtDelegatedSubscription -SubscriptionId $script:NorthwindProduction | Get-CtDelegation)
        $delegations.Count | Should -BeGreaterThan 0
        $delegations.SubscriptionId | Sort-Object -Unique | Should -Be $script:NorthwindProduction
    }
    It 'shows customer, subscription, offer, scope, provider and readiness by default' {
        Get-CtDelegation -WarningAction SilentlyContinue | Get-CtTableHeader |
            Should -Be @('TenantName', 'SubscriptionName', 'OfferName', 'ScopeType', 'ManagingTenantName', 'Ready')
    }
}

Describe 'Get-CtSecureScore' {
    It 'returns a score per subscription and one error per subscription that has none' {
        $errors = Get-ErrorIds { Get-CtSecureScore }
        @(Get-CtSecureScore -ErrorAction SilentlyContinue).Count | Should -Be 4
        $errors | Sort-Object | Should -Be @('SecureScore.NotRegistered', 'SecureScore.ResourceGroupOnly', 'SecureScore.ResourceGroupOnly', 'SecureScore.ScoreNotReady')
    }
    It 'rolls up per customer with -AggregateBy Tenant' {
        $scores = @(Get-CtSecureScore -AggregateBy Tenant -ErrorAction SilentlyContinue)
        ($scores | Where-Object TenantId -eq $script:Northwind).SubscriptionCount | Should -Be 2
        ($scores | Where-Object TenantId -eq $script:Woodgrove).MissingCount | Should -Be 2
    }
    It 'binds from Get-CtDelegatedSubscription by property name' {
        (Get-CtDelegatedSubscription -SubscriptionId $script:NorthwindProduction | Get-CtSecureScore).SubscriptionId | Should -Be $script:NorthwindProduction
    }
    It 'shows customer, subscription and score by default' {
        Get-CtSecureScore -ErrorAction SilentlyContinue | Get-CtTableHeader |
            Should -Be @('TenantName', 'SubscriptionName', 'Current', 'Max', 'Percentage', 'Weight', 'SubscriptionId')
    }
    It 'rejects a tenant id that is not a GUID with SecureScore.InvalidTenantId' {
        Get-TerminatingErrorId { Get-CtSecureScore -TenantId 'contoso' } | Should -Be 'SecureScore.InvalidTenantId'
    }
}

Describe 'Get-CtSecureScoreControl' {
    It 'ranks the controls worth most score across customers with -Top' {
        $top = @(Get-CtSecureScoreControl -Top 5 -ErrorAction SilentlyContinue)
        $top | ForEach-Object Rank | Should -Be @(1, 2, 3, 4, 5)   # not $top.Rank: arrays have a Rank of their own
        $top[0].PotentialIncrease | Should -BeGreaterOrEqual $top[4].PotentialIncrease
        $top | Get-CtTableHeader | Should -Be @('Rank', 'DisplayName', 'Gain', 'Unhealthy', 'Subscriptions', 'Tenants')
    }
    It 'binds -TenantId from Get-CtTenant' {
        (Get-CtTenant | Where-Object TenantId -eq $script:Northwind | Get-CtSecureScoreControl -ErrorAction SilentlyContinue).TenantId |
            Sort-Object -Unique | Should -Be $script:Northwind
    }
}

Describe 'Get-CtRecommendation' {
    It 'returns open high-severity recommendations of every customer' {
        $high = @(Get-CtRecommendation -Severity High -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $high.Count | Should -Be 39
        "$($high.Severity | Sort-Object -Unique)" | Should -Be 'High'
        "$($high.Status | Sort-Object -Unique)" | Should -Be 'Unhealthy'
    }
    It 'shows customer, subscription, severity, status, name and resource by default' {
        Get-CtRecommendation -SubscriptionId $script:NorthwindProduction | Get-CtTableHeader |
            Should -Be @('TenantName', 'SubscriptionName', 'Severity', 'Status', 'DisplayName', 'Resource')
    }
    It 'rejects an unknown severity' {
        { Get-CtRecommendation -Severity Critical } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CrossTenantSecurity.Commands.GetCtRecommendationCommand'
    }
}

Describe 'Get-CtAlert' {
    It 'returns the active alerts of every customer' {
        @(Get-CtAlert -Status Active -ErrorAction SilentlyContinue -WarningAction SilentlyContinue).Count | Should -Be 7
    }
    It 'shows customer, subscription, severity, status, start and name by default' {
        Get-CtAlert -SubscriptionId $script:NorthwindProduction | Get-CtTableHeader |
            Should -Be @('TenantName', 'SubscriptionName', 'Severity', 'Status', 'StartTimeUtc', 'DisplayName')
    }
}

Describe 'Set-CtAlertState' {
    It 'changes nothing with -WhatIf' {
        $before = @(Get-CtAlert -SubscriptionId $script:NorthwindProduction -Status Active)
        $before | Set-CtAlertState -State Resolved -WhatIf
        @(Get-CtAlert -SubscriptionId $script:NorthwindProduction -Status Active).Count | Should -Be $before.Count
    }
    It 'moves an alert to InProgress and re-reads it with -PassThru' {
        $alert = Get-CtAlert -SubscriptionId $script:NorthwindProduction -Status Active | Select-Object -First 1
        $changed = $alert | Set-CtAlertState -State InProgress -PassThru -Confirm:$false
        $changed.Status | Should -Be 'InProgress'
        (Get-CtAlert -SubscriptionId $script:NorthwindProduction | Where-Object Name -eq $alert.Name).Status | Should -Be 'InProgress'
    }
    It 'declares ShouldProcess so -WhatIf and -Confirm exist' {
        (Get-Command Set-CtAlertState).Parameters.Keys | Should -Contain 'WhatIf'
    }
    It 'says AlertState.NotFound, as a read would, for an alert of a customer this sign-in cannot see' {
        $tailspin = Get-CtAlert -TenantId '33333333-3333-4333-8333-333333333333' -ErrorAction SilentlyContinue | Select-Object -First 1
        $tailspin | Should -Not -BeNullOrEmpty
        $northwindOnly = [pscredential]::new('c0000000-0000-4000-8000-0000000000c2', (ConvertTo-SecureString 'sample-only-reporting-secret' -AsPlainText -Force))
        try {
            $null = Connect-CtAccount -Environment CtTest -ServicePrincipal -Credential $northwindOnly -TenantId $script:Managing
            $errors = $null
            $tailspin | Set-CtAlertState -State Dismissed -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
            @($errors | Get-CtErrorId) | Should -Be @('AlertState.NotFound')
            $errors[0].TargetObject.Id | Should -Be $tailspin.Id
        }
        finally {
            $script:Context = Connect-CtTestAccount $script:Emulator
        }
    }
}

Describe 'Get-CtDefenderPlan' {
    It 'returns the servers plan of every readable subscription' {
        $plans = @(Get-CtDefenderPlan -Plan VirtualMachines -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $plans.Count | Should -Be 5
        @($plans | Where-Object { -not $_.Enabled }).Count | Should -Be 1
    }
    It 'shows customer, subscription, plan, tier, sub-plan and coverage by default' {
        Get-CtDefenderPlan -SubscriptionId $script:NorthwindProduction | Get-CtTableHeader |
            Should -Be @('TenantName', 'SubscriptionName', 'Plan', 'Tier', 'SubPlan', 'CoverageStatus')
    }
}

Describe 'Get-CtRegulatoryCompliance' {
    It 'returns standards with control counts and, with -IncludeControls, control rows' {
        $standards = @(Get-CtRegulatoryCompliance -SubscriptionId $script:NorthwindProduction)
        $standards.Count | Should -BeGreaterThan 0
        $standards | Get-CtTableHeader | Should -Be @('TenantName', 'SubscriptionName', 'Standard', 'State', 'Passed', 'Failed', 'Skipped')
        @(Get-CtRegulatoryCompliance -SubscriptionId $script:NorthwindProduction -IncludeControls).Count | Should -BeGreaterThan $standards.Count
    }
}

Describe 'Invoke-CtResourceGraphQuery' {
    It 'returns secure scores of every delegated subscription with their customer tenant' {
        $rows = @(Invoke-CtResourceGraphQuery "securityresources | where type == 'microsoft.security/securescores' | project id, tenantId, subscriptionId")
        $rows.Count | Should -Be 4
        $rows.tenantId | Should -Not -Contain "$script:Managing"
    }
    It 'reports a query the service rejects with ResourceGraph.BadRequest' {
        Get-ErrorIds { Invoke-CtResourceGraphQuery 'securityresources | no-such-operator' } | Should -Contain 'ResourceGraph.BadRequest'
    }
}

Describe 'Get-CtPostureSnapshot' {
    BeforeAll { $script:Snapshot = Get-CtPostureSnapshot -WarningAction SilentlyContinue -ErrorAction SilentlyContinue }
    It 'reads every customer in one pass and keeps failures as data' {
        @($script:Snapshot).Count | Should -Be 1
        $script:Snapshot.ManagingTenantId | Should -Be $script:Managing
        @($script:Snapshot.Tenants).Count | Should -Be 3
        @($script:Snapshot.Subscriptions).Count | Should -Be 8
        $script:Snapshot.Failures.ErrorId | Should -Contain 'SecureScore.ResourceGroupOnly'
    }
    It 'agrees with Get-CtSecureScore -AggregateBy Tenant' {
        $northwind = Get-CtSecureScore -AggregateBy Tenant -ErrorAction SilentlyContinue | Where-Object TenantId -eq $script:Northwind
        ($script:Snapshot.Tenants | Where-Object TenantId -eq $script:Northwind).Percentage | Should -Be $northwind.Percentage
    }
    It 'rejects a tenant id that is not a GUID' {
        Get-TerminatingErrorId { Get-CtPostureSnapshot -TenantId 'northwind' -ErrorAction Stop } | Should -Be 'PostureSnapshot.InvalidTenantId'
    }
}

Describe 'Export-CtPostureReport' {
    It 'writes one self-contained HTML file from a piped snapshot' {
        $path = Join-Path ([IO.Path]::GetTempPath()) ("ct-report-" + [guid]::NewGuid().ToString('N') + '.html')
        try {
            Get-CtPostureSnapshot -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Export-CtPostureReport -Path $path | Out-Null
            $html = Get-Content $path -Raw
            $html | Should -Match '<svg'
            $html | Should -Match 'Northwind Traders'
            $html | Should -Not -Match '<script[^>]+src='
            $html | Should -Not -Match '<link[^>]+href="https?:'
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }
    It 'names no other customer with -TenantId' {
        $path = Join-Path ([IO.Path]::GetTempPath()) ("ct-report-" + [guid]::NewGuid().ToString('N') + '.html')
        try {
            Get-CtPostureSnapshot -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Export-CtPostureReport -Path $path -TenantId $script:Northwind | Out-Null
            $html = Get-Content $path -Raw
            $html | Should -Match 'Northwind Traders'
            foreach ($other in 'Tailspin', 'Woodgrove', '33333333-3333', '44444444-4444') { $html | Should -Not -Match $other }
        }
        finally { Remove-Item $path -ErrorAction SilentlyContinue }
    }
}

Describe 'Save-CtPostureSnapshot, Get-CtPostureHistory and Compare-CtPostureSnapshot' {
    BeforeAll { $script:Database = Join-Path ([IO.Path]::GetTempPath()) ("ct-history-" + [guid]::NewGuid().ToString('N') + '.db') }
    AfterAll { Remove-Item "$script:Database*" -ErrorAction SilentlyContinue }
    It 'saves a snapshot, reads a secure-score trend per customer and finds no drift between equal snapshots' {
        $snapshot = Get-CtPostureSnapshot -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $saved = $snapshot | Save-CtPostureSnapshot -DatabasePath $script:Database
        $saved | Should -Not -BeNullOrEmpty
        @(Get-CtPostureHistory -DatabasePath $script:Database -Metric SecureScore -TenantId $script:Northwind).Count | Should -BeGreaterThan 0
        @(Compare-CtPostureSnapshot -Reference $snapshot -Difference $snapshot -DatabasePath $script:Database) | Should -BeNullOrEmpty
    }
}

Describe 'Test-CtPosture' {
    It 'writes one result per check and scope and fails the gate with PostureGate.Failed' {
        $results = [Collections.Generic.List[object]]::new()
        $errorId = try { Test-CtPosture -MinimumSecureScore 99 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | ForEach-Object { $results.Add($_) } } catch { $_ | Get-CtErrorId }
        $errorId | Should -Be 'PostureGate.Failed'
        @($results | Where-Object Outcome -eq 'Failed').Count | Should -BeGreaterThan 0
        $results[0].PSObject.Properties.Name | Should -Contain 'Threshold'
    }
    It 'passes a gate the sample estate meets' {
        { Test-CtPosture -MinimumSecureScore 1 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null } | Should -Not -Throw
    }
}

Describe 'The suite' {
    It 'has a Describe for every exported cmdlet' {
        $described = Get-ChildItem $PSScriptRoot -Filter *.Tests.ps1 | Get-Content | Select-String -Pattern "^\s*Describe '([^']+)'" |
            ForEach-Object { $_.Matches[0].Groups[1].Value }
        foreach ($cmdlet in (Get-Command -Module CrossTenantSecurity -CommandType Cmdlet).Name) {
            @($described | Where-Object { $_ -match "(^|\W)$([regex]::Escape($cmdlet))(\W|$)" }).Count | Should -BeGreaterThan 0 -Because "$cmdlet needs a Describe"
        }
    }
}
