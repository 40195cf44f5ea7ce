<#
    Shared by the Pester suite: finds the built module and emulator, starts and stops the emulator as a
    separate process, and signs in to it. Run the suite through ./build.ps1 -Test (or -Pester): it starts
    pwsh with SSL_CERT_FILE pointing at the CA every emulator of the run reuses, because .NET reads that
    variable once, when the process starts. Certificate validation is never turned off.
#>
Set-StrictMode -Version Latest

$script:RepositoryRoot = (Resolve-Path "$PSScriptRoot/../..").Path
Import-Module "$script:RepositoryRoot/tools/CtEmulator.psm1" -Force

function Start-CtTestEmulator {
    <# The built emulator on a free port, with the CA this Pester run trusts (CT_TEST_CA_DIR, set by build.ps1). #>
    [CmdletBinding()]
    param([string] $Scenario = 'sample', [string[]] $ArgumentList = @())
    if (-not $env:CT_TEST_CA_DIR) {
        throw 'CT_TEST_CA_DIR is not set: run the Pester suite through ./build.ps1 -Test or ./build.ps1 -Pester, which starts pwsh trusting the emulator CA.'
    }
    Start-CtEmulator -Scenario $Scenario -ArgumentList $ArgumentList -AuthorityDirectory $env:CT_TEST_CA_DIR
}

function Stop-CtTestEmulator {
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process { Stop-CtEmulator -Emulator $Emulator }
}

function Get-CtRepositoryRoot { $script:RepositoryRoot }

function Get-CtBuiltModuleManifest {
    <# The assembled module in out/, as a user imports it. #>
    if ($env:CT_MODULE_MANIFEST) { return $env:CT_MODULE_MANIFEST }
    $manifest = Get-ChildItem "$script:RepositoryRoot/out/CrossTenantSecurity/*/CrossTenantSecurity.psd1" -ErrorAction SilentlyContinue |
        Sort-Object { [version]$_.Directory.Name } | Select-Object -Last 1
    if (-not $manifest) { throw "The module is not built: run 'dotnet build CrossTenantSecurity.sln' (or ./build.ps1) first." }
    $manifest.FullName
}

function Connect-CtTestAccount {
    <# Registers the emulator as a cloud for this process and signs in as the sample MSSP's automation principal. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $EnvironmentName = 'CtTest')
    # Every service at the emulator's one URL, each with the audience real Entra issues its tokens for.
    $services = @{
        GraphUrl = $Emulator.Url; GraphAudience = 'https://graph.microsoft.com'
        LogAnalyticsUrl = $Emulator.Url; LogAnalyticsAudience = 'https://api.loganalytics.io'
        DefenderEndpointUrl = $Emulator.Url; DefenderEndpointAudience = 'https://api.securitycenter.microsoft.com'
    }
    Add-CtEnvironment -Name $EnvironmentName -ResourceManagerUrl $Emulator.Url -ActiveDirectoryAuthority $Emulator.Url @services -Scope Process | Out-Null
    $secret = ConvertTo-SecureString $Emulator.Secret -AsPlainText -Force
    $credential = [pscredential]::new($Emulator.ApplicationId, $secret)
    Connect-CtAccount -Environment $EnvironmentName -ServicePrincipal -Credential $credential -TenantId $Emulator.TenantId
}

function Invoke-CtChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a fresh pwsh (same version, same environment) and returns its output lines and exit code.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        # The child's start folder (a Set-Location inside its script does not move the process's own current
        # directory, which NuGet writes into).
        [string] $WorkingDirectory = $PWD.ProviderPath
    )
    $file = Join-Path ([IO.Path]::GetTempPath()) ("ct-child-" + [guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -Path $file -Value $Script
    $pwsh = @(Get-CtPwshCommand)
    $Environment = @{ NO_COLOR = '1' } + $Environment   # plain text: what a log file gets
    $saved = @{}
    # A variable set to $null is removed for the child.
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $exe = $pwsh[0]
        $rest = @($pwsh | Select-Object -Skip 1)
        Push-Location -LiteralPath $WorkingDirectory   # a native command starts in the current location
        try { $output = & $exe @rest -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        [pscustomobject]@{ Output = @($output); ExitCode = $LASTEXITCODE }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

function Get-CtErrorId {
    <# The ErrorId part of a FullyQualifiedErrorId ('Noun.Reason,Command' -> 'Noun.Reason'). #>
    param([Parameter(ValueFromPipeline)] [Management.Automation.ErrorRecord] $ErrorRecord)
    process { $ErrorRecord.FullyQualifiedErrorId.Split(',')[0] }
}

function Get-CtTableHeader {
    <# The column headers of an object's default table view, as a user sees them. #>
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject)
    begin { $items = [Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        $lines = $items | Format-Table | Out-String -Width 250 -Stream | Where-Object { $_.Trim() }
        $headerIndex = [Array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^-+(\s+-+)*\s*$' }) - 1
        if ($headerIndex -lt 0) { return @() }
        $lines[$headerIndex] -split '\s{1,}' | Where-Object { $_ }
    }
}

Export-ModuleMember -Function *-Ct*, Get-CtEmulatorAssembly, Get-CtPwshCommand, Start-CtEmulator, Stop-CtEmulator
