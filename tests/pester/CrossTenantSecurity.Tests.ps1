#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    Pester parity tests for developers with pwsh 7.4+ (xUnit is the gate in CI). They start the emulator
    as a separate process, trust its certificate for a child pwsh, and run the user-level scenarios.
    Run: ./build.ps1 -Test   (or Invoke-Pester tests/pester)
#>
BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    $manifest = Get-ChildItem "$root/out/CrossTenantSecurity/*/CrossTenantSecurity.psd1" | Select-Object -Last 1
    $certDir = Join-Path ([IO.Path]::GetTempPath()) "ct-pester-$PID"
    $port = Get-Random -Minimum 20000 -Maximum 40000
    $emulator = Start-Process dotnet -ArgumentList 'run', '--project', "$root/src/CrossTenantSecurity.Emulator", '--', '--port', $port, '--cert-dir', $certDir -PassThru -NoNewWindow -RedirectStandardOutput "$certDir.log"
    $deadline = (Get-Date).AddSeconds(90)
    while (-not (Test-Path "$certDir/emulator-ca.pem") -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 500 }
    Start-Sleep -Seconds 2
    $url = "https://127.0.0.1:$port/"

    # .NET reads SSL_CERT_FILE when the process starts, so the module runs in a child pwsh that has it.
    function Invoke-Module([string] $script) {
        $bundle = "$certDir/bundle.pem"
        Get-Content /etc/ssl/certs/ca-certificates.crt, "$certDir/emulator-ca.pem" -ErrorAction SilentlyContinue | Set-Content $bundle
        $env:SSL_CERT_FILE = $bundle
        $prelude = @"
Import-Module '$($manifest.FullName)'
Add-CtEnvironment -Name Emu -ResourceManagerUrl '$url' -ActiveDirectoryAuthority '$url' -Scope Process | Out-Null
`$cred = [pscredential]::new('c0000000-0000-4000-8000-0000000000c1', (ConvertTo-SecureString 'sample-only-automation-secret' -AsPlainText -Force))
Connect-CtAccount -Environment Emu -ServicePrincipal -Credential `$cred -TenantId 11111111-1111-4111-8111-111111111111 | Out-Null
"@
        pwsh -NoProfile -Command ($prelude + $script + ' | ConvertTo-Json -Depth 4 -Compress') | ConvertFrom-Json
    }
}

AfterAll {
    if ($emulator -and -not $emulator.HasExited) { Stop-Process -Id $emulator.Id -Force }
}

Describe 'CrossTenantSecurity against the sample estate' {
    It 'lists the eight delegated subscriptions with their customer as TenantId' {
        $subs = Invoke-Module 'Get-CtDelegatedSubscription | Select-Object SubscriptionId, TenantId, AccessType'
        $subs.Count | Should -Be 8
        $subs.AccessType | Sort-Object -Unique | Should -Be 'Delegated'
        $subs.TenantId | Should -Not -Contain '11111111-1111-4111-8111-111111111111'
    }

    It 'aggregates secure score per customer' {
        $scores = Invoke-Module 'Get-CtSecureScore -AggregateBy Tenant -ErrorAction SilentlyContinue | Select-Object TenantName, Percentage, SubscriptionCount, MissingCount'
        ($scores | Where-Object TenantName -eq 'Northwind Traders').SubscriptionCount | Should -Be 2
    }

    It 'reports a resource-group-only delegation as such' {
        $errors = Invoke-Module '$null = Get-CtSecureScore -TenantId 44444444-4444-4444-8444-444444444444 -ErrorVariable e -ErrorAction SilentlyContinue; $e | ForEach-Object { $_.FullyQualifiedErrorId.Split(",")[0] }'
        $errors | Should -Contain 'SecureScore.ResourceGroupOnly'
    }
}
