<#
.SYNOPSIS
    Builds, audits, tests and packages the CrossTenantSecurity module.
.DESCRIPTION
    The entry point for PowerShell authors, over plain 'dotnet' commands that bash CI could run as well. The build
    restores the pinned Pester from NuGet (never from the PowerShell Gallery) and assembles the ready-to-import
    module into out/CrossTenantSecurity/<version>/.

    On a machine with only the .NET SDK 10:  dotnet tool restore; dotnet pwsh ./build.ps1 -Audit
.PARAMETER Configuration
    Debug (default) or Release.
.PARAMETER Audit
    Runs the sample cross-tenant audit (samples/Invoke-CtSampleAudit.ps1) in a child pwsh against the emulator,
    started as its own process with the bundled sample estate.
.PARAMETER Test
    Runs every test: xUnit (engine, emulator, module in a hosted engine), then the Pester suite in real pwsh.
    Ends with one line, "N passed, N failed, N skipped", over both; fails when any test failed.
.PARAMETER Pester
    Runs only the Pester suite (tests/Pester), optionally only the files in -PesterPath.
.PARAMETER PesterPath
    Pester test files or folders to run instead of the whole suite.
.PARAMETER Package
    Packs the assembled module into out/packages/CrossTenantSecurity.<version>.nupkg, a package PSResourceGet installs.
.PARAMETER Clean
    Removes build output (bin, obj, out, TestResults) first.
.PARAMETER NoBuild
    Skips the build (when it has just run).
.PARAMETER Bootstrap
    Only checks for the tools the build needs and says what is missing; installs nothing.
.EXAMPLE
    ./build.ps1 -Audit
.EXAMPLE
    ./build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Pester -PesterPath tests/Pester/Emulator.Tests.ps1
.EXAMPLE
    ./build.ps1 -Configuration Release -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [switch] $Audit,
    [switch] $Test,
    [switch] $Pester,
    [string[]] $PesterPath = @('tests/Pester'),
    [switch] $Package,
    [switch] $Clean,
    [switch] $NoBuild,
    [switch] $Bootstrap
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:CT_CONFIGURATION = $Configuration
$PesterVersion = '5.7.1'   # also in tools/PesterPackage/PesterPackage.csproj

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleDirectory {
    $manifest = Import-PowerShellDataFile ./CrossTenantSecurity.psd1
    Join-Path $PSScriptRoot "out/CrossTenantSecurity/$($manifest.ModuleVersion)"
}

function Get-PesterManifest {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
        ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    }
    $path = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $PesterVersion is not restored ($path): run 'dotnet build CrossTenantSecurity.sln' (it restores tools/PesterPackage)." }
    $path
}

function Invoke-ChildPwsh([string[]] $Arguments) {
    # The same pwsh as this one, as a new process on this console (so it renders at the terminal's width, or
    # as redirected output when this one is redirected); returns its exit code.
    Import-Module ./tools/CtEmulator.psm1 -Force
    $pwsh = @(Get-CtPwshCommand)
    $start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($argument in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $Arguments) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $process.WaitForExit()
    $process.ExitCode
}

function Invoke-SampleAudit {
    Import-Module ./tools/CtEmulator.psm1 -Force
    $emulator = Start-CtEmulator -Scenario sample -AuthorityDirectory ''
    try {
        # .NET reads SSL_CERT_FILE when a process starts: the audit runs in a child pwsh that trusts the emulator's CA.
        $env:SSL_CERT_FILE = $emulator.CertificatePath
        $env:CT_MODULE_MANIFEST = Join-Path (Get-ModuleDirectory) 'CrossTenantSecurity.psd1'
        $env:CT_EMULATOR_URL = $emulator.Url
        $env:CT_EMULATOR_TENANT_ID = $emulator.TenantId
        $env:CT_EMULATOR_APP_ID = $emulator.ApplicationId
        $env:CT_EMULATOR_SECRET = $emulator.Secret
        Write-Host "Emulator serving the sample estate at $($emulator.Url) (process $($emulator.Process.Id))."
        Write-Host "Running samples/Invoke-CtSampleAudit.ps1 in pwsh (PowerShell PSVersion $($PSVersionTable.PSVersion), $PSHOME)."
        $code = Invoke-ChildPwsh @('-File', (Join-Path $PSScriptRoot 'samples/Invoke-CtSampleAudit.ps1'))
        if ($code -ne 0) { throw "The sample audit failed with exit code $code." }
    }
    finally {
        foreach ($name in 'SSL_CERT_FILE', 'CT_EMULATOR_URL', 'CT_EMULATOR_TENANT_ID', 'CT_EMULATOR_APP_ID', 'CT_EMULATOR_SECRET') { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
        $null = Stop-CtEmulator -Emulator $emulator
    }
}

function Read-XUnitCounts([string] $Directory) {
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in Get-ChildItem $Directory -Filter *.trx -ErrorAction SilentlyContinue) {
        # dotnet test names a second result file of the same second 'name[1].trx': brackets are wildcards to Get-Content.
        $counters = ([xml][IO.File]::ReadAllText($trx.FullName)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$counters.passed
        $counts.Failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $counts.Skipped += [int]$counters.notExecuted
    }
    $counts
}

function Invoke-XUnit([string] $ResultsDirectory) {
    Remove-Item $ResultsDirectory -Recurse -Force -ErrorAction SilentlyContinue
    dotnet test CrossTenantSecurity.sln --no-build -c $Configuration --logger 'trx' --results-directory $ResultsDirectory | Out-Host
    $status = $LASTEXITCODE
    $counts = Read-XUnitCounts $ResultsDirectory
    if ($status -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }   # a crashed test host is a failure, never a pass
    Write-Host "xUnit: $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
    $counts
}

function Invoke-PesterSuite([string] $ResultsDirectory) {
    $resultFile = Join-Path $ResultsDirectory 'pester.xml'
    $authority = Join-Path $ResultsDirectory 'pester-ca'
    Remove-Item $resultFile, $authority -Recurse -Force -ErrorAction SilentlyContinue
    $null = New-Item -ItemType Directory -Force -Path $authority
    $configHome = Join-Path $ResultsDirectory 'pester-config'
    $null = New-Item -ItemType Directory -Force -Path $configHome
    # From bash (pwsh -File) a list arrives as one comma-separated string.
    $paths = ($PesterPath -split ',' | Where-Object { $_ } | ForEach-Object { "'" + (Resolve-Path $_).Path.Replace("'", "''") + "'" }) -join ','
    # Every emulator of the run reuses the CA in $authority, which the child pwsh trusts from its start. Saved
    # environments go to a folder of the run, never to the user's profile.
    $env:CT_TEST_CA_DIR = $authority
    $env:SSL_CERT_FILE = Join-Path $authority 'emulator-ca.pem'
    $env:CT_CONFIG_HOME = $configHome
    $env:CT_MODULE_MANIFEST = Join-Path (Get-ModuleDirectory) 'CrossTenantSecurity.psd1'
    try {
        $script = @"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'   # no colour escapes in captured output, which Pester writes into XML
Import-Module '$(Get-PesterManifest)'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @($paths)
`$configuration.Run.Exit = `$false
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'NUnitXml'
`$configuration.TestResult.OutputPath = '$resultFile'
`$result = Invoke-Pester -Configuration `$configuration
if (`$result.Result -eq 'Failed' -and `$result.FailedCount -eq 0) { exit 3 }   # a failed container (BeforeAll, discovery)
"@
        $code = Invoke-ChildPwsh @('-Command', $script)
    }
    finally {
        foreach ($name in 'CT_TEST_CA_DIR', 'SSL_CERT_FILE', 'CT_CONFIG_HOME') { Remove-Item "env:$name" -ErrorAction SilentlyContinue }
    }
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $resultFile) {
        foreach ($case in ([xml][IO.File]::ReadAllText($resultFile)).SelectNodes('//test-case')) {
            switch ($case.result) {
                'Success' { $counts.Passed++ }
                { $_ -in 'Failure', 'Error' } { $counts.Failed++ }
                default { $counts.Skipped++ }
            }
        }
        if ($code -ne 0 -and $counts.Failed -eq 0) { $counts.Failed = 1 }
    }
    else {
        Write-Host 'Pester wrote no result file: counted as one failure.'
        $counts.Failed = 1
    }
    Write-Host "Pester: $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped (results: $resultFile)"
    $counts
}

function New-ModulePackage {
    $moduleDirectory = Get-ModuleDirectory
    $destination = Join-Path $PSScriptRoot 'out/packages'
    $null = New-Item -ItemType Directory -Force -Path $destination
    Get-ChildItem $destination -Filter 'CrossTenantSecurity.*.nupkg' | Remove-Item
    Import-Module Microsoft.PowerShell.PSResourceGet
    # Compress-PSResource's NuGet code writes NuGet/NuGet.Config into the process's current directory (which
    # Set-Location does not change): point it at the output folder so the repository stays clean.
    $previous = [Environment]::CurrentDirectory
    [Environment]::CurrentDirectory = $destination
    try { Compress-PSResource -Path $moduleDirectory -DestinationPath $destination }
    finally { [Environment]::CurrentDirectory = $previous }
    Remove-Item (Join-Path $destination 'NuGet') -Recurse -Force -ErrorAction SilentlyContinue
    $package = Get-ChildItem $destination -Filter 'CrossTenantSecurity.*.nupkg' | Select-Object -First 1
    "Packaged $moduleDirectory -> $($package.FullName)"
}

if ($Bootstrap) {
    $dotnet = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($dotnet) { "dotnet: $(& dotnet --version)" } else { 'dotnet: MISSING - install the .NET SDK 10 from https://dot.net' }
    "pwsh: $($PSVersionTable.PSVersion) ($(if ($PSVersionTable.PSVersion -ge [version]'7.4') { 'ok' } else { 'too old: 7.4 or later needed' }))"
    try { "Pester: $PesterVersion at $(Get-PesterManifest)" } catch { "Pester: $($_.Exception.Message)" }
    return
}

if ($Clean) {
    Get-ChildItem -Path src, tools, tests, bench -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    Remove-Item out, TestResults -Recurse -Force -ErrorAction SilentlyContinue
}

if (-not $NoBuild) { Invoke-Dotnet build CrossTenantSecurity.sln -c $Configuration }

if ($Audit) { Invoke-SampleAudit }

if ($Test -or $Pester) {
    $results = Join-Path $PSScriptRoot 'TestResults'
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $parts = @()
    if ($Test) { $parts += , (Invoke-XUnit (Join-Path $results 'xunit')) }
    $parts += , (Invoke-PesterSuite $results)
    foreach ($counts in $parts) {
        foreach ($key in @($totals.Keys)) { $totals[$key] += $counts[$key] }
    }
    "$($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
    if ($totals.Failed -gt 0) { exit 1 }
}

if ($Package) { New-ModulePackage }
