#Requires -Version 7.4
<#
    The README's main job: the sample audit runs in real pwsh, reads well when its output goes to a log
    (80 columns, no colour escapes, every line within the width), and prints exactly what the README shows.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    $script:Root = Get-CtRepositoryRoot
    $emulator = Start-CtTestEmulator
    try {
        $script:Audit = Invoke-CtChildPwsh -Script "& '$script:Root/samples/Invoke-CtSampleAudit.ps1'" -Environment @{
            CT_EMULATOR_URL       = $emulator.Url
            CT_EMULATOR_TENANT_ID = $emulator.TenantId
            CT_EMULATOR_APP_ID    = $emulator.ApplicationId
            CT_EMULATOR_SECRET    = $emulator.Secret
        }
    }
    finally { $null = Stop-CtTestEmulator $emulator }
    $script:Lines = @($script:Audit.Output | ForEach-Object { $_.TrimEnd() })

    function Get-ReadmeAuditBlock {
        $readme = Get-Content "$script:Root/README.md"
        $begin = [array]::IndexOf($readme, '<!-- sample-audit-output:begin -->')
        $end = [array]::IndexOf($readme, '<!-- sample-audit-output:end -->')
        if ($begin -lt 0 -or $end -lt $begin) { throw 'README.md has no sample-audit-output block.' }
        # The block is a fenced code block: drop the fences.
        @($readme[($begin + 2)..($end - 2)] | ForEach-Object { $_.TrimEnd() })
    }
}

Describe 'The sample audit in real pwsh' {
    It 'succeeds' {
        $script:Audit.ExitCode | Should -Be 0 -Because ($script:Lines -join "`n")
    }

    It 'has every section and the summary' {
        foreach ($section in 'Tenants related to the managing tenant', 'Secure score per customer', 'Controls worth most score',
            'Open high-severity recommendations', 'Active alerts', 'Defender for Servers coverage', 'Subscriptions that could not be audited') {
            $script:Lines | Where-Object { $_ -like "== $section*" } | Should -Not -BeNullOrEmpty -Because "section '$section'"
        }
        $script:Lines | Where-Object { $_ -like 'Summary: 3 customer tenant(s), 8 delegated subscription(s)*' } | Should -Not -BeNullOrEmpty
    }

    It 'fits 80 columns with no colour escapes when redirected to a log' {
        @($script:Lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        @($script:Lines | Where-Object { $_ -match "`e\[" }) | Should -BeNullOrEmpty
    }

    It 'keeps the columns each section is about' {
        $text = $script:Lines -join "`n"
        $text | Should -Match 'Customer\s+Score\s+Scored\s+Missing\s+Weight'
        $text | Should -Match 'Rank\s+Control\s+Gain\s+Unhealthy\s+Subs\s+Tenants'
        $text | Should -Match 'Severity\s+Customer\s+Alert\s+Started \(UTC\)'
        $text | Should -Match 'Customer\s+Subscription\s+Tier\s+Plan\s+Enabled'
    }

    It 'prints what the README shows' {
        $expected = Get-ReadmeAuditBlock
        ($script:Lines -join "`n").Trim() | Should -BeExactly (($expected -join "`n").Trim())
    }
}
