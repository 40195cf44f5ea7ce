#Requires -Version 7.4
<#
    The module installs by name as a user gets it: ./build.ps1 -Package makes a .nupkg that PSResourceGet
    installs from a local repository, Publish-PSResource accepts the built module, and a fresh pwsh imports
    CrossTenantSecurity by name and runs a command. Every PSResourceGet call runs in a child pwsh whose HOME
    is a temporary folder, so nothing touches the user's repositories or modules.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    $script:Root = Get-CtRepositoryRoot
    $script:ModuleDirectory = Split-Path (Get-CtBuiltModuleManifest)
    $script:TempHome = Join-Path ([IO.Path]::GetTempPath()) ("ct-package-home-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $script:TempHome | Out-Null
    $script:Isolated = @{ HOME = $script:TempHome; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $null }

    $packaging = Invoke-CtChildPwsh -Script "Set-Location '$script:Root'; ./build.ps1 -Package -NoBuild -Configuration $(if ($env:CT_CONFIGURATION) { $env:CT_CONFIGURATION } else { 'Debug' })"
    $script:PackagingOutput = $packaging.Output -join "`n"
    $script:Package = Get-ChildItem "$script:Root/out/packages" -Filter 'CrossTenantSecurity.*.nupkg' | Select-Object -First 1
}

AfterAll {
    Remove-Item $script:TempHome -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The module package' {
    It 'is made by ./build.ps1 -Package' {
        $script:Package | Should -Not -BeNullOrEmpty -Because $script:PackagingOutput
        $script:Package.Name | Should -Be "CrossTenantSecurity.$((Import-PowerShellDataFile $script:Root/CrossTenantSecurity.psd1).ModuleVersion).nupkg"
    }

    It 'ships only the module: manifest, script, views, licence, help and assemblies' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($script:Package.FullName)
        try { $entries = @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
        $packaging = '^(CrossTenantSecurity\.nuspec|\[Content_Types\]\.xml|_rels/.*|package/.*)$'
        $module = '^(CrossTenantSecurity\.(psd1|psm1|Format\.ps1xml)|LICENSE|en-US/[^/]+\.(xml|txt)|bin/Core/CrossTenantSecurity\.(Commands|Contracts)\.dll|bin/Core/Dependencies/[^/]+\.dll|bin/Core/Dependencies/runtimes/(linux|linux-musl|osx|win)-(x64|x86|arm64)/native/(libe_sqlite3\.(so|dylib)|e_sqlite3\.dll))$'   # SQLite for the history, per RID
        $stray = @($entries | Where-Object { $_ -notmatch $packaging -and $_ -notmatch $module })
        $stray | Should -BeNullOrEmpty
        $entries | Should -Contain 'LICENSE'
        $entries | Should -Contain 'bin/Core/Dependencies/CrossTenantSecurity.Engine.dll'
        $entries | Should -Contain 'bin/Core/Dependencies/runtimes/linux-x64/native/libe_sqlite3.so'
        $entries | Should -Contain 'bin/Core/Dependencies/runtimes/win-x64/native/e_sqlite3.dll'
    }

    It 'has the gallery metadata: licence, project, release notes, tags' {
        $data = (Import-PowerShellDataFile (Join-Path $script:ModuleDirectory 'CrossTenantSecurity.psd1')).PrivateData.PSData
        $data.LicenseUri | Should -Match '^https://'
        $data.ProjectUri | Should -Match '^https://'
        $data.ReleaseNotes | Should -Not -BeNullOrEmpty
        $data.Tags | Should -Contain 'Lighthouse'
    }

    It 'installs by name from a local repository and imports by name in a fresh pwsh' {
        $feed = Join-Path $script:TempHome 'feed'
        New-Item -ItemType Directory -Path $feed | Out-Null
        Copy-Item $script:Package.FullName $feed
        $install = Invoke-CtChildPwsh -Environment $script:Isolated -WorkingDirectory $script:TempHome -Script @"
`$ErrorActionPreference = 'Stop'
Set-Location '$script:TempHome'   # PSResourceGet may leave NuGet settings in the current folder
Register-PSResourceRepository -Name CtPackageFeed -Uri '$feed' -Trusted
Install-PSResource -Name CrossTenantSecurity -Repository CtPackageFeed -TrustRepository -Scope CurrentUser
(Get-InstalledPSResource -Name CrossTenantSecurity).InstalledLocation
"@
        $install.ExitCode | Should -Be 0 -Because ($install.Output -join "`n")

        $use = Invoke-CtChildPwsh -Environment $script:Isolated -WorkingDirectory $script:TempHome -Script @"
`$ErrorActionPreference = 'Stop'
Set-Location '$script:TempHome'
Import-Module CrossTenantSecurity
(Get-Module CrossTenantSecurity).ModuleBase
(Get-CtEnvironment -Name AzureCloud).ResourceManagerUrl.AbsoluteUri
"@
        $use.ExitCode | Should -Be 0 -Because ($use.Output -join "`n")
        $use.Output[0] | Should -BeLike "$script:TempHome*"
        $use.Output | Should -Contain 'https://management.azure.com/'
    }

    It 'is accepted by Publish-PSResource' {
        $feed = Join-Path $script:TempHome 'published'
        New-Item -ItemType Directory -Path $feed | Out-Null
        $publish = Invoke-CtChildPwsh -Environment $script:Isolated -WorkingDirectory $script:TempHome -Script @"
`$ErrorActionPreference = 'Stop'
Set-Location '$script:TempHome'
Register-PSResourceRepository -Name CtPublishFeed -Uri '$feed' -Trusted
Publish-PSResource -Path '$script:ModuleDirectory' -Repository CtPublishFeed
(Find-PSResource -Name CrossTenantSecurity -Repository CtPublishFeed).Version.ToString()
"@
        $publish.ExitCode | Should -Be 0 -Because ($publish.Output -join "`n")
        $publish.Output[-1] | Should -Be (Import-PowerShellDataFile $script:Root/CrossTenantSecurity.psd1).ModuleVersion
    }
}
