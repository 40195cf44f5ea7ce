#Requires -Version 7.4
<#
    Save-CtPostureSnapshot, Get-CtPostureHistory and Compare-CtPostureSnapshot in real pwsh against the emulator process:
    what a user sees, a save killed midway (a reader polling the same file meanwhile), and the module's SQLite beside
    another copy of SQLite already loaded in the session.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    Import-Module (Get-CtBuiltModuleManifest)
    $script:Emulator = Start-CtTestEmulator
    $null = Connect-CtTestAccount $script:Emulator
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("ct-history-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work
}

AfterAll {
    if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Save-CtPostureSnapshot and Get-CtPostureHistory' {
    BeforeAll {
        $script:Db = Join-Path $script:Work 'history.db'
        $script:Saved = @(1..2 | ForEach-Object { Save-CtPostureSnapshot -DatabasePath $script:Db -ErrorAction SilentlyContinue -WarningAction SilentlyContinue })
    }

    It 'returns one saved entry per snapshot with its id, in the default table view' {
        $script:Saved.SnapshotId | Should -Be @(1, 2)
        $script:Saved[0].SubscriptionCount | Should -Be 8
        $script:Saved[0] | Get-CtTableHeader | Should -Be @('Id', 'TakenAt', 'Tenants', 'Subs', 'Score', 'High', 'Alerts', 'Failures', 'Detail', 'Location')
    }

    It 'gives trend rows per customer that go to Export-Csv and back' {
        $csv = Join-Path $script:Work 'trend.csv'
        Get-CtPostureHistory -DatabasePath $script:Db -Metric SecureScore, UnhealthyHigh | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be (3 * 2 * 2)   # three customers, two snapshots, two metrics
        ($rows | Where-Object Metric -eq SecureScore | Where-Object TenantId -eq '22222222-2222-4222-8222-222222222222').Count | Should -Be 2
        (Get-CtPostureHistory -DatabasePath $script:Db -Metric SecureScore | Get-CtTableHeader) | Should -Be @('TakenAt', 'TenantName', 'SubscriptionName', 'Metric', 'Value', 'Change')
    }

    It 'binds -TenantId from Get-CtTenant' {
        $rows = Get-CtTenant | Where-Object DisplayName -like 'Northwind*' | Get-CtPostureHistory -DatabasePath $script:Db -Metric SecureScore
        @($rows).Count | Should -Be 2
    }

    It 'finds no drift between two snapshots of an unchanged estate' {
        Compare-CtPostureSnapshot -Reference $script:Saved[0] -Difference $script:Saved[1] | Should -BeNullOrEmpty
    }

    It 'says where there is no history' {
        { Get-CtPostureHistory -DatabasePath (Join-Path $script:Work 'none.db') -ErrorAction Stop } | Should -Throw -ErrorId 'History.NotFound,*'
    }
}

Describe 'History shared through Log Analytics' {
    # The emulator's default data collection rule routes Custom-CtPostureHistory to its default workspace.
    BeforeAll {
        $script:Rule = 'dcr-00000000000000000000000000000000'
        $script:Workspace = '0e0e0e0e-0000-4000-8000-00000000000a'
        $script:LaDb = Join-Path $script:Work 'shared.db'
        $script:Snapshot = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $script:Upload = $script:Snapshot | Save-CtPostureSnapshot -DatabasePath $script:LaDb -LogAnalytics -DataCollectionEndpoint $script:Emulator.Url -DataCollectionRuleId $script:Rule -WarningAction SilentlyContinue
    }

    It 'sends the rows, saves SQLite too, and says what it sent in a table' {
        $script:Upload.RowCount | Should -Be ($script:Snapshot.Tenants.Count + $script:Snapshot.Subscriptions.Count)
        $script:Upload.BatchCount | Should -Be 1
        $script:Upload.Local.SnapshotId | Should -Be 1
        $script:Upload | Get-CtTableHeader | Should -Be @('TakenAt', 'Rows', 'Batches', 'Bytes', 'Stream', 'Rule', 'LocalId')
    }

    It 'reads back from the workspace the trend SQLite gives' {
        $at = $script:Snapshot.TakenAt.UtcDateTime
        $key = { '{0}|{1}|{2}|{3}' -f $_.TenantId, $_.Metric, $_.Value, $_.Change }
        $local = Get-CtPostureHistory -DatabasePath $script:LaDb -Since $at -Until $at | ForEach-Object $key | Sort-Object
        $shared = Get-CtPostureHistory -Workspace $script:Workspace -Since $at -Until $at | ForEach-Object $key | Sort-Object
        $shared | Should -Not -BeNullOrEmpty
        $shared | Should -Be $local
    }

    It 'refuses a subscription id that is not a GUID before querying' {
        { Get-CtPostureHistory -Workspace $script:Workspace -SubscriptionId '") | union *' -ErrorAction Stop } | Should -Throw -ErrorId 'History.InvalidSubscriptionId,*'
    }
}

Describe 'An interrupted save' {
    It 'loses nothing: a writer killed mid-loop leaves only whole snapshots, and a reader polled the file meanwhile' {
        $db = Join-Path $script:Work 'killed.db'
        $support = Join-Path $PSScriptRoot 'CtTestSupport.psm1'
        $child = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$support'
Import-Module '$(Get-CtBuiltModuleManifest)'
`$emulator = [pscustomobject]@{ Url = '$($script:Emulator.Url)'; TenantId = '$($script:Emulator.TenantId)'; ApplicationId = '$($script:Emulator.ApplicationId)'; Secret = '$($script:Emulator.Secret)' }
Connect-CtTestAccount `$emulator | Out-Null
`$snapshot = Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
while (`$true) { `$snapshot | Save-CtPostureSnapshot -DatabasePath '$db' | Out-Null }
"@
        $script = Join-Path $script:Work 'writer.ps1'
        Set-Content -Path $script -Value $child
        $pwsh = @(Get-CtPwshCommand)
        $start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true; $start.RedirectStandardError = $true
        $writer = [Diagnostics.Process]::Start($start)
        try {
            $deadline = [DateTime]::UtcNow.AddMinutes(3)
            $seen = 0
            while ($seen -lt 20 -and [DateTime]::UtcNow -lt $deadline -and -not $writer.HasExited) {
                Start-Sleep -Milliseconds 200
                if (Test-Path $db) { $seen = @(Get-CtPostureHistory -DatabasePath $db -ListSnapshot -ErrorAction SilentlyContinue).Count }   # a reader beside the writer
            }
            $writer.HasExited | Should -BeFalse -Because ($writer.HasExited ? $writer.StandardError.ReadToEnd() : '')
            $seen | Should -BeGreaterOrEqual 20
        }
        finally {
            if (-not $writer.HasExited) { $writer.Kill($true) }
            $writer.WaitForExit()
        }
        # Reopened after the kill: every snapshot the list shows is whole (eight subscriptions, detail rows), none half-written.
        $list = @(Get-CtPostureHistory -DatabasePath $db -ListSnapshot)
        $list.Count | Should -BeGreaterOrEqual 20
        $rows = Get-CtPostureHistory -DatabasePath $db -BySubscription -Metric SecureScore | Group-Object SnapshotId
        $rows.Count | Should -Be $list.Count
        $rows | ForEach-Object { $_.Count | Should -Be 8 }
        ($list.DetailRowCount | Sort-Object -Unique).Count | Should -Be 1
        # And it takes the next save.
        (Save-CtPostureSnapshot -DatabasePath $db -ErrorAction SilentlyContinue -WarningAction SilentlyContinue).SnapshotId | Should -Be ($list[-1].SnapshotId + 1)
    }
}

Describe 'SQLite beside another module''s SQLite' {
    It 'uses its own copy in its load context while another copy serves the default context' {
        # "Another module": Microsoft.Data.Sqlite and e_sqlite3 loaded into the default context from another folder, first.
        $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
        $other = Join-Path $script:Work 'OtherSqliteModule'
        $null = New-Item -ItemType Directory -Path $other
        $dep = Join-Path (Split-Path (Get-CtBuiltModuleManifest)) 'bin/Core/Dependencies'
        foreach ($name in 'SQLitePCLRaw.core', 'SQLitePCLRaw.provider.e_sqlite3', 'SQLitePCLRaw.batteries_v2', 'Microsoft.Data.Sqlite') {
            Copy-Item (Join-Path $dep "$name.dll") $other
        }
        $rid = if ($IsWindows) { 'win-x64' } elseif ($IsMacOS) { 'osx-' + ([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLower()) } else { 'linux-x64' }
        $native = Get-ChildItem (Join-Path $dep "runtimes/$rid/native") | Select-Object -First 1
        Copy-Item $native.FullName $other
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $PSScriptRoot 'CtTestSupport.psm1')'
foreach (`$n in 'SQLitePCLRaw.core', 'SQLitePCLRaw.provider.e_sqlite3', 'SQLitePCLRaw.batteries_v2', 'Microsoft.Data.Sqlite') { Add-Type -Path (Join-Path '$other' "`$n.dll") }
`$handle = [Runtime.InteropServices.NativeLibrary]::Load('$(Join-Path $other $native.Name)')
[Runtime.InteropServices.NativeLibrary]::SetDllImportResolver([SQLitePCL.SQLite3Provider_e_sqlite3].Assembly, [Runtime.InteropServices.DllImportResolver] { param(`$name, `$asm, `$path) `$handle })
`$theirs = [Microsoft.Data.Sqlite.SqliteConnection]::new('Data Source=:memory:')
`$theirs.Open()
Import-Module '$(Get-CtBuiltModuleManifest)'
`$emulator = [pscustomobject]@{ Url = '$($script:Emulator.Url)'; TenantId = '$($script:Emulator.TenantId)'; ApplicationId = '$($script:Emulator.ApplicationId)'; Secret = '$($script:Emulator.Secret)' }
Connect-CtTestAccount `$emulator | Out-Null
`$saved = Save-CtPostureSnapshot -DatabasePath '$(Join-Path $script:Work 'beside.db')' -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
`$cmd = `$theirs.CreateCommand(); `$cmd.CommandText = 'select sqlite_version()'
"theirs=" + `$cmd.ExecuteScalar()
"saved=" + `$saved.SnapshotId
"trend=" + @(Get-CtPostureHistory -DatabasePath '$(Join-Path $script:Work 'beside.db')' -Metric SecureScore).Count
"contexts=" + ((([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' }) | ForEach-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name + ':' + (Split-Path `$_.Location -Parent | Split-Path -Leaf) } | Sort-Object) -join ',')
"@
        $result = Invoke-CtChildPwsh -Script $script
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'saved=1'
        $result.Output | Should -Contain 'trend=3'
        ($result.Output | Where-Object { $_ -like 'theirs=3.*' }) | Should -Not -BeNullOrEmpty
        $result.Output | Should -Contain 'contexts=CrossTenantSecurity:Dependencies,Default:OtherSqliteModule'
    }
}
