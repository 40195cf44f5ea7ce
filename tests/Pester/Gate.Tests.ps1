#Requires -Version 7.4
<#
    Test-CtPosture as a pipeline step: samples/ci/gate.ps1 run by `pwsh -File` against the emulator process exits 1 on a
    failed check with a JUnit file valid against the JUnit 4 schema, and 0 on a policy the estate meets; the Automation
    runbook sample saves a snapshot.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    Import-Module (Get-CtBuiltModuleManifest)
    $script:Emulator = Start-CtTestEmulator
    $null = Connect-CtTestAccount $script:Emulator
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("ct-gate-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work
    $script:Root = Get-CtRepositoryRoot

    function Invoke-Step([string] $Body) {
        $emulator = $script:Emulator
        Invoke-CtChildPwsh -Script @"
Import-Module '$PSScriptRoot/CtTestSupport.psm1'
Import-Module '$(Get-CtBuiltModuleManifest)'
`$emulator = [pscustomobject]@{ Url = '$($emulator.Url)'; TenantId = '$($emulator.TenantId)'; ApplicationId = '$($emulator.ApplicationId)'; Secret = '$($emulator.Secret)' }
Connect-CtTestAccount `$emulator | Out-Null
$Body
"@
    }

    function Test-JUnitFile([string] $Path) {
        $schemas = [Xml.Schema.XmlSchemaSet]::new()
        $null = $schemas.Add($null, (Join-Path $script:Root 'tests/CrossTenantSecurity.Engine.Tests/Schemas/JUnit4/junit_schema_4.xsd'))
        $settings = [Xml.XmlReaderSettings]::new()
        $settings.ValidationType = 'Schema'; $settings.Schemas = $schemas
        $problems = [Collections.Generic.List[string]]::new()
        $settings.add_ValidationEventHandler({ param($s, $e) $problems.Add($e.Message) })
        $reader = [Xml.XmlReader]::Create($Path, $settings)
        try { while ($reader.Read()) { } } finally { $reader.Dispose() }
        $problems
    }
}

AfterAll {
    if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'samples/ci/gate.ps1 as a pipeline step' {
    It 'exits 1 on a failed check, after writing a schema-valid JUnit file, the report, the summary and the history' {
        $out = Join-Path $script:Work 'fail'
        $policy = Join-Path $script:Work 'strict.psd1'
        Set-Content $policy "@{ MinimumSecureScore = 99; RequiredPlan = 'VirtualMachines' }"
        $summary = Join-Path $script:Work 'summary-fail.md'
        $result = Invoke-CtChildPwsh -Script @"
Import-Module '$PSScriptRoot/CtTestSupport.psm1'
Import-Module '$(Get-CtBuiltModuleManifest)'
`$emulator = [pscustomobject]@{ Url = '$($script:Emulator.Url)'; TenantId = '$($script:Emulator.TenantId)'; ApplicationId = '$($script:Emulator.ApplicationId)'; Secret = '$($script:Emulator.Secret)' }
Connect-CtTestAccount `$emulator | Out-Null
& '$script:Root/samples/ci/gate.ps1' -PolicyPath '$policy' -OutputDirectory '$out'
"@ -Environment @{ GITHUB_STEP_SUMMARY = $summary }
        $result.ExitCode | Should -Be 1
        ($result.Output -join "`n") | Should -Match 'PostureGate.Failed|posture gate failed'
        Test-JUnitFile (Join-Path $out 'TEST-posture.xml') | Should -BeNullOrEmpty
        ([xml](Get-Content (Join-Path $out 'TEST-posture.xml') -Raw)).testsuites.failures | Should -BeGreaterThan 0
        Join-Path $out 'posture.html' | Should -Exist
        Get-Content $summary -Raw | Should -Match '## Posture gate: FAILED'
        @(Get-CtPostureHistory -DatabasePath (Join-Path $out 'posture-history.db') -ListSnapshot).Count | Should -BeGreaterOrEqual 1
    }

    It 'exits 0 on a policy the estate meets, with a JUnit file that has no failure' {
        $out = Join-Path $script:Work 'pass'
        $policy = Join-Path $script:Work 'lenient.psd1'
        Set-Content $policy "@{ MinimumSecureScore = 0; MaximumUnhealthy = @{ High = 1000 }; MaximumScoreDrop = 100 }"
        $result = Invoke-Step "& '$script:Root/samples/ci/gate.ps1' -PolicyPath '$policy' -OutputDirectory '$out'"
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        Test-JUnitFile (Join-Path $out 'TEST-posture.xml') | Should -BeNullOrEmpty
        ([xml](Get-Content (Join-Path $out 'TEST-posture.xml') -Raw)).testsuites.failures | Should -Be 0
    }

    It 'the sample policy parses and runs (exemptions, customer overrides)' {
        $results = $null
        try {
            $null = Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                Test-CtPosture -PolicyPath "$script:Root/samples/ci/gate.psd1" -WarningAction SilentlyContinue -OutVariable results
        }
        catch {
            $_ | Get-CtErrorId | Should -Be 'PostureGate.Failed'   # the sample estate has a subscription without the plan, by design
        }
        $results | Should -Not -BeNullOrEmpty
        $results | Where-Object { $_.Message -like 'Exempted until 2027-03-31: Legacy subscription*' } | Should -Not -BeNullOrEmpty
        $results[0].PSObject.TypeNames[0] | Should -Be 'CrossTenantSecurity.PostureCheckResult'
        ($results | Get-CtTableHeader) | Should -Be @('Outcome', 'Check', 'TenantName', 'Target', 'Measured', 'Threshold')
    }

    It 'refuses a policy with an unknown key' {
        $policy = Join-Path $script:Work 'typo.psd1'
        Set-Content $policy "@{ MinimumSecureScor = 50 }"
        { Test-CtPosture -PolicyPath $policy -ErrorAction Stop } | Should -Throw -ErrorId 'PostureGate.InvalidPolicy,*'
    }

    It 'NUnit3 output is valid against the NUnit 3 schema' {
        $path = Join-Path $script:Work 'TEST-nunit.xml'
        Get-CtPostureSnapshot -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Test-CtPosture -MinimumSecureScore 0 -OutputFormat NUnit3 -OutputPath $path | Out-Null
        $schemas = [Xml.Schema.XmlSchemaSet]::new()
        $schemas.XmlResolver = [Xml.XmlUrlResolver]::new()   # TestResult.xsd includes and redefines its two siblings
        $null = $schemas.Add($null, (Join-Path $script:Root 'tests/CrossTenantSecurity.Engine.Tests/Schemas/NUnit3/TestResult.xsd'))
        $settings = [Xml.XmlReaderSettings]::new(); $settings.ValidationType = 'Schema'; $settings.Schemas = $schemas
        $problems = [Collections.Generic.List[string]]::new()
        $settings.add_ValidationEventHandler({ param($s, $e) $problems.Add($e.Message) })
        $reader = [Xml.XmlReader]::Create($path, $settings)
        try { while ($reader.Read()) { } } finally { $reader.Dispose() }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'samples/automation/Save-CtDailySnapshot.runbook.ps1' {
    It 'saves a daily snapshot (signed in already, as -SkipSignIn does locally)' {
        $db = Join-Path $script:Work 'runbook.db'
        $result = Invoke-Step "& '$script:Root/samples/automation/Save-CtDailySnapshot.runbook.ps1' -DatabasePath '$db' -SkipSignIn"
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        ($result.Output -join "`n") | Should -Match 'Saved snapshot #1: 3 customers, 8 subscriptions'
    }
}
