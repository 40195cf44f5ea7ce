#Requires -Version 7.4
<#
.SYNOPSIS
    Measures the SQLite posture history in real pwsh against the emulator: the save time of one 1,000-subscription
    snapshot, a generated year of daily snapshots, trend query times over that year, and the database size.
.DESCRIPTION
    Starts the emulator with the S2 estate (50 customers, 1,000 subscriptions), signs in, takes one snapshot with
    detail, saves it (timed), then saves the same snapshot as a year of daily snapshots (TakenAt moved back one day each;
    secure scores are the same every day, which changes nothing for query cost) and times the trend queries a user runs.
    Prints a table and writes results.md beside -OutputDirectory. A measurement, not a test: nothing here asserts on time.
.EXAMPLE
    dotnet build CrossTenantSecurity.sln && dotnet pwsh bench/history/Measure-CtHistory.ps1 -Days 365
#>
[CmdletBinding()]
param(
    [int] $Days = 365,
    # The most recent days keep resource-level detail; older days are saved as summaries (as a detail retention would).
    [int] $DetailDays = 7,
    [string] $Scenario = 'S2',
    [string] $OutputDirectory = (Join-Path ([IO.Path]::GetTempPath()) 'ct-history-bench'),
    [switch] $Inner
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path "$PSScriptRoot/../..").Path

if (-not $Inner) {
    # .NET reads SSL_CERT_FILE when the process starts: run the measurement in a child pwsh that trusts the emulator CA.
    $null = New-Item -ItemType Directory -Force -Path $OutputDirectory
    $ca = Join-Path $OutputDirectory 'ca'
    Remove-Item $ca -Recurse -Force -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $ca
    $env:CT_TEST_CA_DIR = $ca
    $env:SSL_CERT_FILE = Join-Path $ca 'emulator-ca.pem'
    $env:CT_CONFIG_HOME = Join-Path $OutputDirectory 'config'
    Import-Module "$root/tests/Pester/CtTestSupport.psm1"
    $pwsh = @(Get-CtPwshCommand)   # 'dotnet pwsh' when pwsh is the repository's .NET tool
    $rest = @($pwsh | Select-Object -Skip 1)
    & $pwsh[0] @rest -NoProfile -File $PSCommandPath -Days $Days -DetailDays $DetailDays -Scenario $Scenario -OutputDirectory $OutputDirectory -Inner
    exit $LASTEXITCODE
}

Import-Module "$root/tests/Pester/CtTestSupport.psm1"
Import-Module (Get-CtBuiltModuleManifest)
$emulator = Start-CtTestEmulator -Scenario $Scenario -ArgumentList '--no-throttling'
try {
    $null = Connect-CtTestAccount $emulator
    $db = Join-Path $OutputDirectory 'year.db'
    Remove-Item "$db*" -Force -ErrorAction SilentlyContinue

    $clock = [Diagnostics.Stopwatch]::StartNew()
    $snapshot = Get-CtPostureSnapshot -IncludeDetail -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $read = $clock.Elapsed
    Write-Host ("Snapshot of {0} subscriptions, {1} customers read in {2:N1} s; detail: {3}" -f $snapshot.SubscriptionCount, $snapshot.TenantCount, $read.TotalSeconds, $snapshot.Detail)

    function New-Day([int] $daysBack) {
        $s = $snapshot
        $detail = if ($daysBack -lt $DetailDays) { $s.Detail } else { $null }
        [CrossTenantSecurity.PostureSnapshot]::new($s.TakenAt.AddDays(-$daysBack), $s.Duration, $s.ManagingTenantId, $s.Account, $s.Environment, $s.Source,
            $s.ScopeTenantIds, $s.ScopeSubscriptionIds, $s.IncludeHome, $s.Percentage, $s.Unhealthy, $s.ActiveAlerts, $s.Plans, $s.Compliance,
            $s.Tenants, $s.Subscriptions, $s.TopRecommendations, $s.TopControls, $s.Failures, $detail, $s.CustomerTenantId)
    }

    # One save with detail, timed (as a daily runbook does it: one snapshot, one command), into its own file.
    $dbDetail = Join-Path $OutputDirectory 'one.db'
    Remove-Item "$dbDetail*" -Force -ErrorAction SilentlyContinue
    $first = Measure-Command { $script:saved = New-Day 0 | Save-CtPostureSnapshot -DatabasePath $dbDetail }
    Write-Host ("First save: {0:N0} ms in the engine, {1:N0} ms for the command; {2} detail rows" -f $saved.SaveDuration.TotalMilliseconds, $first.TotalMilliseconds, $saved.DetailRowCount)

    # The rest of the year, oldest first.
    $saves = [Collections.Generic.List[double]]::new()
    $detailSaves = [Collections.Generic.List[double]]::new()
    $clock.Restart()
    for ($d = $Days - 1; $d -ge 0; $d--) {
        $s = New-Day $d | Save-CtPostureSnapshot -DatabasePath $db -WarningAction SilentlyContinue
        if ($d -lt $DetailDays) { $detailSaves.Add($s.SaveDuration.TotalMilliseconds) } else { $saves.Add($s.SaveDuration.TotalMilliseconds) }
    }
    $yearTook = $clock.Elapsed
    $sorted = $saves | Sort-Object
    $median = $sorted[[int]($sorted.Count / 2)]
    $p95 = $sorted[[int]($sorted.Count * 0.95)]
    $size = (Get-ChildItem "$db*" | Measure-Object Length -Sum).Sum

    $tenant = $snapshot.Tenants[0].TenantId
    $subscription = $snapshot.Subscriptions[0].SubscriptionId
    $since = $snapshot.TakenAt.AddDays(-$Days).DateTime
    $queries = [ordered]@{
        'One customer, SecureScore, a year'                  = { Get-CtPostureHistory -DatabasePath $db -TenantId $tenant -Metric SecureScore -Since $since }
        'One customer, all five metrics, a year'             = { Get-CtPostureHistory -DatabasePath $db -TenantId $tenant -Since $since }
        'One subscription, all five metrics, a year'         = { Get-CtPostureHistory -DatabasePath $db -SubscriptionId $subscription -Since $since }
        'Every customer, SecureScore, a year'                = { Get-CtPostureHistory -DatabasePath $db -Metric SecureScore -Since $since }
        "One customer's subscriptions, SecureScore, a year"  = { Get-CtPostureHistory -DatabasePath $db -TenantId $tenant -BySubscription -Metric SecureScore -Since $since }
        'Every customer, SecureScore, last 30 days'          = { Get-CtPostureHistory -DatabasePath $db -Metric SecureScore -Since $snapshot.TakenAt.AddDays(-30).DateTime }
        'Drift: the last two days, with detail (by id)'     = { Compare-CtPostureSnapshot -Reference ($Days - 1) -Difference $Days -DatabasePath $db }
    }
    $rows = foreach ($name in $queries.Keys) {
        $null = & $queries[$name]   # warm: the first query opens the file and reads the schema
        $times = foreach ($i in 1..5) { (Measure-Command { $script:n = @(& $queries[$name]).Count }).TotalMilliseconds }
        $t = $times | Sort-Object
        [pscustomobject]@{ Query = $name; Rows = $n; MedianMs = [math]::Round($t[2], 1); MaxMs = [math]::Round($t[-1], 1) }
    }

    $summary = @(
        "# SQLite history, measured ($(Get-Date -Format 'yyyy-MM-dd HH:mm') UTC, $([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription))"
        ''
        "Estate: emulator scenario $Scenario, $($snapshot.SubscriptionCount) subscriptions, $($snapshot.TenantCount) customers; snapshot with detail read in $([math]::Round($read.TotalSeconds,1)) s."
        "Save of one snapshot with detail ($($saved.DetailRowCount) detail rows) into a new file: $([math]::Round($saved.SaveDuration.TotalMilliseconds)) ms in the engine (command $([math]::Round($first.TotalMilliseconds)) ms); with detail into the year's file: $(($detailSaves | ForEach-Object { [math]::Round($_) }) -join ', ') ms."
        "Summary-only saves over the year (1,000 subscription rows + 50 customer rows each): median $([math]::Round($median)) ms, p95 $([math]::Round($p95)) ms."
        "A year: $Days daily snapshots ($DetailDays with detail, the rest summaries) saved in $([math]::Round($yearTook.TotalSeconds)) s; database $([math]::Round($size / 1MB, 1)) MB; one snapshot with detail alone: $([math]::Round(((Get-ChildItem "$dbDetail*" | Measure-Object Length -Sum).Sum) / 1MB, 1)) MB."
        ''
        '| Query | Rows | Median ms | Max ms |'
        '|---|---:|---:|---:|'
        ($rows | ForEach-Object { "| $($_.Query) | $($_.Rows) | $($_.MedianMs) | $($_.MaxMs) |" })
    ) -join "`n"
    Set-Content (Join-Path $OutputDirectory 'results.md') $summary
    Write-Host $summary
}
finally {
    $null = Stop-CtTestEmulator $emulator
}
