<#
.SYNOPSIS
    Builds, tests and packages the CrossTenantSecurity module.
.DESCRIPTION
    A convenience wrapper: every step is a plain 'dotnet' command, the same ones bash CI runs, so nothing
    here is needed to build. The build assembles the ready-to-import module into
    out/CrossTenantSecurity/<version>/.
.PARAMETER Configuration
    Debug (default) or Release.
.PARAMETER Test
    Runs all xUnit tests, then the Pester tests when Pester 5 or later is installed.
.PARAMETER Audit
    Runs the sample cross-tenant audit against the emulator.
.PARAMETER Clean
    Removes build output (bin, obj, out) first.
.PARAMETER Package
    Zips the assembled module into out/.
.PARAMETER Bootstrap
    Only checks for the tools the build needs and says what is missing; installs nothing.
.EXAMPLE
    ./build.ps1 -Test
.EXAMPLE
    ./build.ps1 -Configuration Release -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [switch] $Test,
    [switch] $Audit,
    [switch] $Clean,
    [switch] $Package,
    [switch] $Bootstrap
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

if ($Bootstrap) {
    $dotnet = Get-Command dotnet -ErrorAction SilentlyContinue
    if ($dotnet) { "dotnet: $(& dotnet --version)" } else { 'dotnet: MISSING - install the .NET SDK 10 from https://dot.net' }
    $pester = Get-Module Pester -ListAvailable | Sort-Object Version -Descending | Select-Object -First 1
    if ($pester -and $pester.Version.Major -ge 5) { "Pester: $($pester.Version)" } else { 'Pester: not installed (optional; Install-Module Pester -MinimumVersion 5.0)' }
    return
}

if ($Clean) {
    Get-ChildItem -Path src, tools, tests -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    if (Test-Path out) { Remove-Item out -Recurse -Force }
}

Invoke-Dotnet build CrossTenantSecurity.sln -c $Configuration

if ($Audit) {
    Invoke-Dotnet run --no-build -c $Configuration --project tools/CrossTenantSecurity.Shell -- audit
}

if ($Test) {
    Invoke-Dotnet test CrossTenantSecurity.sln --no-build -c $Configuration
    $pester = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -ge 5 } | Select-Object -First 1
    if ($pester) {
        Import-Module $pester
        $result = Invoke-Pester -Path tests/pester -PassThru -Output Detailed
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
    }
    else {
        'Pester tests skipped: Pester 5 or later is not installed.'
    }
}

if ($Package) {
    $manifest = Import-PowerShellDataFile ./CrossTenantSecurity.psd1
    $moduleDir = Join-Path out "CrossTenantSecurity/$($manifest.ModuleVersion)"
    $zip = Join-Path out "CrossTenantSecurity-$($manifest.ModuleVersion).zip"
    Compress-Archive -Path (Join-Path out 'CrossTenantSecurity') -DestinationPath $zip -Force
    "Packaged $moduleDir -> $zip"
}
