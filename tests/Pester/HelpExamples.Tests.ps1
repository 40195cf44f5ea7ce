#Requires -Version 7.4
<#
    Every .EXAMPLE in the help of every exported cmdlet parses, and the first example of each cmdlet runs
    against the emulator's sample estate. Examples that cannot run here are listed below with the reason.
#>

BeforeDiscovery {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    Import-Module (Get-CtBuiltModuleManifest)
    $script:Cmdlets = @(Get-Command -Module CrossTenantSecurity -CommandType Cmdlet | Sort-Object Name | ForEach-Object Name)
    # The first example of these cannot run against the emulator, and why.
    $script:NotRunnable = @{
        'Connect-CtAccount' = 'signs in through a browser, which needs a person and Entra ID'
    }
    $script:Examples = foreach ($name in $script:Cmdlets) {
        $index = 0
        foreach ($example in @((Get-Help $name).examples.example)) {
            $index++
            @{ Cmdlet = $name; Index = $index; Title = "$($example.title)".Trim('-', ' '); Code = "$($example.code)" }
        }
    }
    $script:FirstExamples = foreach ($name in $script:Cmdlets) {
        $first = $script:Examples | Where-Object { $_.Cmdlet -eq $name -and $_.Index -eq 1 } | Select-Object -First 1
        @{ Cmdlet = $name; Code = if ($first) { $first.Code } else { '' }; Skip = $script:NotRunnable.ContainsKey($name); Reason = $script:NotRunnable[$name] }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    Import-Module (Get-CtBuiltModuleManifest)

    function ConvertTo-ExampleScript([string] $Code) {
        # Help examples show a prompt ("PS> ") before each command line; what follows it is the script.
        ($Code -split "`r?`n" | ForEach-Object { $_ -replace '^\s*PS[^>]*>\s?', '' }) -join "`n"
    }
}

Describe 'Help examples of <_>' -ForEach $script:Cmdlets {
    $cmdletName = $_   # at discovery, to pick this cmdlet's examples

    It 'has at least one example' {
        @((Get-Help $_).examples.example).Count | Should -BeGreaterThan 0
    }

    It 'example <Index> (<Title>) parses' -ForEach @($script:Examples | Where-Object { $_.Cmdlet -eq $cmdletName }) {
        $tokens = $null; $errors = $null
        $null = [Management.Automation.Language.Parser]::ParseInput((ConvertTo-ExampleScript $Code), [ref]$tokens, [ref]$errors)
        $errors | Should -BeNullOrEmpty
    }
}

Describe 'First help example of each cmdlet, run against the emulator' {
    BeforeAll {
        $script:Emulator = Start-CtTestEmulator
        $null = Connect-CtTestAccount $script:Emulator
    }
    AfterAll {
        if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
    }

    It '<Cmdlet>' -ForEach $script:FirstExamples {
        if ($Skip) { Set-ItResult -Skipped -Because $Reason; return }
        # Each example starts signed in, as its text assumes (Disconnect-CtAccount's signs out).
        if (-not (Get-CtContext)) { $null = Connect-CtTestAccount $script:Emulator }
        $script = [scriptblock]::Create((ConvertTo-ExampleScript $Code))
        # Subscriptions the sample estate cannot read (by design) write non-terminating errors; the example
        # itself must not fail.
        # Files an example writes (a report, a JUnit file) land in a folder of its own, not in the repository.
        $ErrorActionPreference = 'Continue'
        $WarningPreference = 'SilentlyContinue'
        $folder = Join-Path ([IO.Path]::GetTempPath()) ('ct-example-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $folder | Out-Null
        Push-Location $folder
        try { { $null = & $script 2>$null } | Should -Not -Throw }
        finally { Pop-Location; Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
