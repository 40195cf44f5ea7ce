<#
    Starts and stops the built emulator as a separate process, as a user or a test would: on a free loopback
    port, waiting for its ready file, and stopped with SIGTERM. Used by build.ps1 (-Audit) and the Pester suite.
#>
Set-StrictMode -Version Latest

$script:RepositoryRoot = (Resolve-Path "$PSScriptRoot/..").Path

function Get-CtEmulatorAssembly {
    param([string] $Configuration = $(if ($env:CT_CONFIGURATION) { $env:CT_CONFIGURATION } else { 'Debug' }))
    $dll = Join-Path $script:RepositoryRoot "src/CrossTenantSecurity.Emulator/bin/$Configuration/net10.0/CrossTenantSecurity.Emulator.dll"
    if (-not (Test-Path $dll)) { throw "The emulator is not built ($dll): run 'dotnet build CrossTenantSecurity.sln' first." }
    $dll
}

function Get-CtPwshCommand {
    <# The pwsh running this script, as a command line for a child process (the .NET tool runs as 'dotnet pwsh.dll'). #>
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $process; Join-Path $PSHOME 'pwsh.dll' }
    else { $process }
}

function Start-CtEmulator {
    <#
    .SYNOPSIS
        Starts the built emulator on a free loopback port and waits until it listens.
    .OUTPUTS
        An object with Url, CertificatePath, TenantId, ApplicationId, Secret, Process and LogPath.
    #>
    [CmdletBinding()]
    param(
        [string] $Scenario = 'sample',
        [string[]] $ArgumentList = @(),
        # A throw-away CA made in this folder and removed at stop...
        [string] $CertificateDirectory,
        # ...or the CA kept in this folder, reused by every emulator a process starts (it reads its trust store once).
        [string] $AuthorityDirectory = $env:CT_TEST_CA_DIR,
        [int] $TimeoutSeconds = 90
    )
    $work = Join-Path ([IO.Path]::GetTempPath()) ("ct-pester-emulator-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $work | Out-Null
    $ready = Join-Path $work 'ready.json'
    $log = Join-Path $work 'emulator.log'
    $errorLog = Join-Path $work 'emulator.err.log'
    $authority = if ($CertificateDirectory) { @('--cert-dir', $CertificateDirectory) }
    elseif ($AuthorityDirectory) { @('--ca-dir', $AuthorityDirectory) }
    else { @('--cert-dir', (Join-Path $work 'ca')) }
    $arguments = @('exec', (Get-CtEmulatorAssembly), '--port', '0', '--scenario', $Scenario, '--ready-file', $ready) + $authority + $ArgumentList

    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $arguments) { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [Diagnostics.Process]::new()
    $process.StartInfo = $start
    $null = $process.Start()
    # Drain both streams to files so a chatty emulator (--log) never blocks on a full pipe.
    $files = @($log, $errorLog | ForEach-Object { [IO.FileStream]::new($_, 'Create', 'Write', 'ReadWrite', 1) })   # unbuffered: readable while it runs
    $copies = @($process.StandardOutput.BaseStream.CopyToAsync($files[0]), $process.StandardError.BaseStream.CopyToAsync($files[1]))

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path $ready)) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode) before listening: $(Get-Content $errorLog -Raw -ErrorAction SilentlyContinue)" }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw "The emulator did not listen within $TimeoutSeconds s." }
        Start-Sleep -Milliseconds 100
    }
    $info = Get-Content $ready -Raw | ConvertFrom-Json
    [pscustomobject]@{
        PSTypeName      = 'CtEmulator.Process'
        Url             = $info.url
        CertificatePath = $info.certificatePath
        TenantId        = $info.tenantId
        ApplicationId   = $info.applicationId
        Secret          = $info.secret
        Process         = $process
        LogPath         = $log
        ErrorLogPath    = $errorLog
        WorkDirectory   = $work
        Drains          = @{ Files = $files; Copies = $copies }
    }
}

function Stop-CtEmulator {
    <# Stops the emulator the way a service manager does (SIGTERM) and returns its exit code. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator, [ValidateSet('TERM', 'INT')] [string] $Signal = 'TERM')
    process {
        $process = $Emulator.Process
        if (-not $process.HasExited) {
            & kill "-$Signal" $process.Id
            if (-not $process.WaitForExit(20000)) { $process.Kill(); $process.WaitForExit() }
        }
        $process.WaitForExit()
        $null = [Threading.Tasks.Task]::WaitAll([Threading.Tasks.Task[]]$Emulator.Drains.Copies, 10000)
        $Emulator.Drains.Files | ForEach-Object { $_.Dispose() }
        $process.ExitCode
    }
}

Export-ModuleMember -Function Get-CtEmulatorAssembly, Get-CtPwshCommand, Start-CtEmulator, Stop-CtEmulator
