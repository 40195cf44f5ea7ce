#Requires -Version 7.4
<#
    Unattended runs (Azure Automation, CI, pwsh -NonInteractive): -Debug and -Verbose show their streams and never
    prompt. PowerShell turns -Debug on a compiled cmdlet into "Continue?" prompts for its verbose, warning and error
    records, and a non-interactive host answers a prompt by failing the command; the module keeps -Debug to its meaning.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    $script:Emulator = Start-CtTestEmulator
    $script:Manifest = Get-CtBuiltModuleManifest
}

AfterAll {
    if ($script:Emulator) { $null = Stop-CtTestEmulator $script:Emulator }
}

Describe 'A non-interactive host' {
    It 'runs commands with -Debug and -Verbose that write warnings and errors, without a prompt' {
        $e = $script:Emulator
        $run = Invoke-CtChildPwsh -Environment @{ SSL_CERT_FILE = $e.CertificatePath } -Script @"
Import-Module '$script:Manifest'
Add-CtEnvironment -Name Emu -ResourceManagerUrl '$($e.Url)' -ActiveDirectoryAuthority '$($e.Url)' -Scope Process | Out-Null
`$credential = [pscredential]::new('$($e.ApplicationId)', (ConvertTo-SecureString '$($e.Secret)' -AsPlainText -Force))
Connect-CtAccount -Environment Emu -ServicePrincipal -Credential `$credential -TenantId '$($e.TenantId)' -Debug | Out-Null
`$plans = @(Get-CtDefenderPlan -Debug 5>`$null 3>`$null)      # warnings: resource-group-only customers
`$scores = @(Get-CtSecureScore -Debug 5>`$null 2>`$null)     # errors: subscriptions without a readable score
`$subscriptions = @(Get-CtDelegatedSubscription -Verbose 4>`$null)
"plans=`$(`$plans.Count) scores=`$(`$scores.Count) subscriptions=`$(`$subscriptions.Count) errors=`$(`$Error.Count)"
"done"
"@
        $text = $run.Output -join "`n"
        $text | Should -Not -Match 'NonInteractive mode'
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Contain 'done'
        $text | Should -Match 'plans=[1-9]\d* scores=[1-9]\d* subscriptions=8 errors=[1-9]'
    }
}
