#Requires -Version 7.4
<#
    Objects that survive the trip, in real pwsh against the emulator's sample estate: CSV cells are readable,
    JSON says enum names, severities sort by meaning, ids from Import-Csv, Import-Clixml and thread jobs drive
    Set-CtAlertState, and Connect-CtAccount -Scope Process reaches ForEach-Object -Parallel and Start-ThreadJob.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    $script:Manifest = Get-CtBuiltModuleManifest
    Import-Module $script:Manifest
    $script:Emulator = Start-CtTestEmulator
    $null = Connect-CtTestAccount $script:Emulator
    $script:Managing = [guid]'11111111-1111-4111-8111-111111111111'
    $script:NorthwindProduction = '2b222222-0000-4000-8000-000000000001'
    $script:NotDelegated = '9f999999-0000-4000-8000-000000000001'
    $script:SeverityRank = @{ Unknown = 0; Informational = 1; Low = 2; Medium = 3; High = 4 }

    function Get-WhatIfText([scriptblock] $Command) {
        # -WhatIf writes to the host, not to a stream: a transcript sees what the user sees.
        $log = Join-Path $TestDrive ("whatif-" + [guid]::NewGuid().ToString('N') + '.txt')
        $null = Start-Transcript -Path $log
        try { & $Command } finally { $null = Stop-Transcript }
        Get-Content $log -Raw
    }

    function Get-ActiveAlert {
        Get-CtAlert -SubscriptionId $script:NorthwindProduction -Status Active | Sort-Object Name | Select-Object -First 1
    }
}

AfterAll {
    Disconnect-CtAccount -Scope Process
    if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
}

Describe 'Export-Csv and ConvertTo-Csv' {
    It 'writes readable cells for <Name>: lists are joined, never a type name' -ForEach @(
        @{ Name = 'Get-CtContext'; Command = { Get-CtContext } }
        @{ Name = 'Get-CtEnvironment'; Command = { Get-CtEnvironment } }
        @{ Name = 'Get-CtTenant'; Command = { Get-CtTenant } }
        @{ Name = 'Get-CtDelegatedSubscription -IncludeHome'; Command = { Get-CtDelegatedSubscription -IncludeHome } }
        @{ Name = 'Get-CtDelegation'; Command = { Get-CtDelegation } }
        @{ Name = 'Get-CtSecureScore'; Command = { Get-CtSecureScore } }
        @{ Name = 'Get-CtSecureScore -AggregateBy Tenant'; Command = { Get-CtSecureScore -AggregateBy Tenant } }
        @{ Name = 'Get-CtSecureScoreControl'; Command = { Get-CtSecureScoreControl } }
        @{ Name = 'Get-CtSecureScoreControl -Top 3'; Command = { Get-CtSecureScoreControl -Top 3 } }
        @{ Name = 'Get-CtRecommendation -Status Healthy, Unhealthy'; Command = { Get-CtRecommendation -Status Healthy, Unhealthy } }
        @{ Name = 'Get-CtAlert'; Command = { Get-CtAlert } }
        @{ Name = 'Get-CtDefenderPlan'; Command = { Get-CtDefenderPlan } }
        @{ Name = 'Get-CtRegulatoryCompliance -IncludeControls'; Command = { Get-CtRegulatoryCompliance -IncludeControls } }
    ) {
        # Scopes that fail (not registered, resource-group only) are errors, not what this test is about.
        $objects = @(& { $ErrorActionPreference = 'SilentlyContinue'; $WarningPreference = 'SilentlyContinue'; & $Command })
        $objects.Count | Should -BeGreaterThan 0
        $path = Join-Path $TestDrive 'out.csv'
        # One type per file, as a user exports a command's output.
        $objects | Group-Object { $_.GetType().FullName } | ForEach-Object {
            $_.Group | Export-Csv -Path $path
            Get-Content $path -Raw | Should -Not -Match 'System\.[A-Za-z.]+(\[\]|`\d)|System\.Collections|CrossTenantSecurity\.ItemList'
        }
    }

    It 'joins a delegation''s authorizations as "principal: role; ..." and keeps them a list in the pipeline' {
        $delegation = Get-CtDelegation -SubscriptionId $script:NorthwindProduction | Where-Object { $_.Authorizations.Count -gt 1 } | Select-Object -First 1
        $row = $delegation | ConvertTo-Csv | ConvertFrom-Csv
        $row.Authorizations | Should -Be (($delegation.Authorizations | ForEach-Object ToString) -join '; ')
        $row.Authorizations | Should -Match '^[^;]+: [^;]+; '
        $delegation.Authorizations[0].RoleName | Should -Not -BeNullOrEmpty
        $delegation.Authorizations.RoleName | Should -Contain 'Security Admin'
    }

    It 'round-trips recommendation categories and managing tenants through a file' {
        $recommendation = Get-CtRecommendation -SubscriptionId $script:NorthwindProduction | Where-Object { $_.Categories.Count -gt 0 } | Select-Object -First 1
        $recommendation.Categories -contains $recommendation.Categories[0] | Should -BeTrue
        $path = Join-Path $TestDrive 'recommendation.csv'
        $recommendation | Export-Csv -Path $path
        (Import-Csv $path).Categories | Should -Be ($recommendation.Categories -join '; ')

        $subscriptions = Get-CtDelegatedSubscription | ConvertTo-Csv | ConvertFrom-Csv
        $subscriptions.ManagedByTenantIds | ForEach-Object { $_ | Should -Match $script:Managing }
        $subscriptions.ManagedByTenantIds | Where-Object { $_ -like '*; *' } | Should -Not -BeNullOrEmpty
    }
}

Describe 'ConvertTo-Json' {
    It 'writes enum names with default parameters' {
        (Get-CtDelegatedSubscription | Select-Object -First 1 | ConvertTo-Json | ConvertFrom-Json).AccessType | Should -BeExactly 'Delegated'
        (Get-CtTenant | Where-Object Relationship -eq Customer | Select-Object -First 1 | ConvertTo-Json | ConvertFrom-Json).Relationship | Should -BeExactly 'Customer'
        (Get-CtContext | ConvertTo-Json | ConvertFrom-Json).AuthenticationMethod | Should -BeExactly 'ClientSecret'
        $alert = Get-CtAlert -SubscriptionId $script:NorthwindProduction | Select-Object -First 1
        ($alert | ConvertTo-Json | ConvertFrom-Json).Severity | Should -BeExactly $alert.Severity.ToString()
        ($alert | ConvertTo-Json) | Should -Match '"Severity": "(Informational|Low|Medium|High)"'
    }

    It 'leaves the enums usable: filters, parameters and the default view' {
        @(Get-CtDelegatedSubscription | Where-Object AccessType -eq 'Delegated').Count | Should -Be 8
        Get-CtRecommendation -Severity High -SubscriptionId $script:NorthwindProduction | ForEach-Object { $_.Severity | Should -Be 'High' }
        (Get-CtTenant | Where-Object Relationship -eq Customer | Format-Table | Out-String -Width 250) | Should -Match 'Customer'
    }
}

Describe 'Sort-Object Severity' {
    It 'sorts <Command> by meaning, not alphabetically' -ForEach @(
        @{ Command = 'Get-CtAlert' }
        @{ Command = 'Get-CtRecommendation -Status Healthy, Unhealthy, NotApplicable' }
    ) {
        $sorted = @(Invoke-Expression "$Command -ErrorAction SilentlyContinue -WarningAction SilentlyContinue" | Sort-Object Severity | ForEach-Object { $script:SeverityRank[$_.Severity.ToString()] })
        ($sorted | Sort-Object -Unique).Count | Should -BeGreaterThan 1
        $sorted | Should -Be ($sorted | Sort-Object)
        $descending = @(Invoke-Expression "$Command -ErrorAction SilentlyContinue -WarningAction SilentlyContinue" | Sort-Object Severity -Descending | Select-Object -First 1)
        $descending[0].Severity | Should -Be 'High'
    }

    It 'compares with names' {
        Get-CtAlert -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object Severity -ge 'Medium' | ForEach-Object { $_.Severity.ToString() | Should -BeIn 'Medium', 'High' }
    }
}

Describe 'Set-CtAlertState with ids' {
    It 'takes rows from Import-Csv and reads each alert back with -PassThru' {
        $alert = Get-ActiveAlert
        $path = Join-Path $TestDrive 'alerts.csv'
        $alert | Export-Csv -Path $path
        try {
            $changed = Import-Csv $path | Set-CtAlertState -State InProgress -PassThru
            $changed.Status | Should -Be 'InProgress'
            $changed.TenantName | Should -Be 'Northwind Traders'
        }
        finally {
            Set-CtAlertState -ResourceId $alert.Id -State Active
        }
        (Get-CtAlert -SubscriptionId $script:NorthwindProduction | Where-Object Id -eq $alert.Id).Status | Should -Be 'Active'
    }

    It 'takes deserialized objects from Import-Clixml, and -WhatIf names the customer and changes nothing' {
        $alert = Get-ActiveAlert
        $path = Join-Path $TestDrive 'alerts.xml'
        $alert | Export-Clixml -Path $path
        $imported = Import-Clixml $path
        $imported.PSObject.TypeNames[0] | Should -Be 'Deserialized.CrossTenantSecurity.Alert'
        $whatIf = Get-WhatIfText { $imported | Set-CtAlertState -State Dismissed -WhatIf }
        $whatIf | Should -Match 'Set state to Dismissed'
        $whatIf | Should -Match 'Northwind Traders'
        (Get-CtAlert -SubscriptionId $script:NorthwindProduction | Where-Object Id -eq $alert.Id).Status | Should -Be 'Active'
    }

    It 'gives an id in a subscription not delegated to you the NotFound error a read gives' {
        $id = "/subscriptions/$($script:NotDelegated)/providers/Microsoft.Security/locations/westeurope/alerts/2517000000000000000_x"
        $write = $null; $read = $null
        Set-CtAlertState -ResourceId $id -State Resolved -ErrorVariable write -ErrorAction SilentlyContinue
        Get-CtAlert -SubscriptionId $script:NotDelegated -ErrorVariable read -ErrorAction SilentlyContinue
        $write | Get-CtErrorId | Should -Be 'AlertState.NotFound'
        $read | Get-CtErrorId | Should -Be 'Alert.NotFound'
        $write[0].CategoryInfo.Category | Should -Be $read[0].CategoryInfo.Category
        $write[0].Exception.Message | Should -Be $read[0].Exception.Message
    }
}

Describe 'Connect-CtAccount -Scope' {
    It 'keeps the default sign-in in its runspace' {
        Start-ThreadJob { Import-Module $using:Manifest; [string](Get-CtContext).TenantId } | Receive-Job -Wait -AutoRemoveJob | Should -BeNullOrEmpty
        1..2 | ForEach-Object -Parallel { Import-Module $using:Manifest; try { Get-CtTenant -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] } } |
            Should -Be @('Context.NotConnected', 'Context.NotConnected')
    }

    It 'shares a -Scope Process sign-in with thread jobs and parallel runspaces' {
        $credential = [pscredential]::new($script:Emulator.ApplicationId, (ConvertTo-SecureString $script:Emulator.Secret -AsPlainText -Force))
        $null = Connect-CtAccount -Environment CtTest -ServicePrincipal -Credential $credential -TenantId $script:Managing -Scope Process
        Start-ThreadJob { Import-Module $using:Manifest; [string](Get-CtContext).TenantId } | Receive-Job -Wait -AutoRemoveJob | Should -Be $script:Managing.ToString()
        1..2 | ForEach-Object -Parallel { Import-Module $using:Manifest; @(Get-CtDelegatedSubscription).Count } | Should -Be @(8, 8)
    }

    It 'binds alerts that come back from a thread job to Set-CtAlertState' {
        $alertId = (Get-ActiveAlert).Id
        $subscription = $script:NorthwindProduction
        $fromJob = Start-ThreadJob { Import-Module $using:Manifest; Get-CtAlert -SubscriptionId $using:subscription | Where-Object Id -eq $using:alertId } |
            Receive-Job -Wait -AutoRemoveJob
        $fromJob.Id | Should -Be $alertId
        Get-WhatIfText { $fromJob | Set-CtAlertState -State Resolved -WhatIf } | Should -Match 'Northwind Traders'
        (Get-CtAlert -SubscriptionId $script:NorthwindProduction | Where-Object Id -eq $alertId).Status | Should -Be 'Active'
    }

    It 'Disconnect-CtAccount -Scope Process signs every runspace out of the shared sign-in' {
        Disconnect-CtAccount -Scope Process
        Start-ThreadJob { Import-Module $using:Manifest; [string](Get-CtContext).TenantId } | Receive-Job -Wait -AutoRemoveJob | Should -BeNullOrEmpty
    }
}
