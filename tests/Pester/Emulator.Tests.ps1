#Requires -Version 7.4
<#
    The sandbox behaves like a server: it stops cleanly on SIGTERM and Ctrl+C (SIGINT) with exit code 0 and
    removes its throw-away certificate files, --help names every scenario form it accepts, and the recipe it
    prints works when pasted into a new pwsh.
#>

BeforeAll {
    Import-Module "$PSScriptRoot/CtTestSupport.psm1"
    function New-TemporaryDirectoryPath { Join-Path ([IO.Path]::GetTempPath()) ('ct-emulator-test-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) }
}

BeforeDiscovery {
    # A shell without job control starts background commands with SIGINT ignored, and an ignored SIGINT is inherited by
    # every child: .NET then leaves it ignored (as nohup intends), so Ctrl+C cannot be tested from such a run.
    $ignored = Get-Content /proc/$PID/status -ErrorAction SilentlyContinue | Where-Object { $_ -like 'SigIgn:*' }
    $script:SigIntIgnored = $ignored -and (([Convert]::ToUInt64(($ignored -split '\s+')[1], 16) -band 0x2) -ne 0)
}

Describe 'The emulator process' {
    It 'stops on <Signal> with exit code 0 and removes its certificate files' -ForEach @(
        @{ Signal = 'TERM'; Skip = $false }
        @{ Signal = 'INT'; Skip = $script:SigIntIgnored }
    ) {
        if ($Skip) { Set-ItResult -Skipped -Because 'this run was started with SIGINT ignored (a background job of a shell without job control), and the emulator inherits that' }
        $certificates = New-TemporaryDirectoryPath
        $emulator = Start-CtEmulator -CertificateDirectory $certificates
        Test-Path (Join-Path $certificates 'emulator-ca.pem') | Should -BeTrue
        Stop-CtEmulator -Emulator $emulator -Signal $Signal | Should -Be 0
        Test-Path (Join-Path $certificates 'emulator-ca.pem') | Should -BeFalse
        Get-Content $emulator.ErrorLogPath -Raw | Should -BeNullOrEmpty
    }

    It 'keeps a reused CA (--ca-dir) when it stops' {
        $emulator = Start-CtTestEmulator
        Stop-CtTestEmulator $emulator | Should -Be 0
        Test-Path (Join-Path $env:CT_TEST_CA_DIR 'emulator-ca.pem') | Should -BeTrue
    }

    It 'lists every scenario form in --help' {
        $help = & dotnet exec (Get-CtEmulatorAssembly) --help
        $LASTEXITCODE | Should -Be 0
        $text = $help -join "`n"
        foreach ($form in 'sample', 'S1 | S2 | S3 | S4', 'S2:seed=7', 'generated:tenants=', 'PATH', '--profile', '--ca-dir', '--ready-file') {
            $text | Should -Match ([regex]::Escape($form))
        }
    }

    It 'refuses an unknown argument with exit code 2' {
        $null = & dotnet exec (Get-CtEmulatorAssembly) --no-such-flag 2>&1
        $LASTEXITCODE | Should -Be 2
    }

    It 'prints a recipe that works when pasted into pwsh' {
        $certificates = New-TemporaryDirectoryPath
        $emulator = Start-CtEmulator -CertificateDirectory $certificates
        try {
            $banner = @()
            foreach ($attempt in 1..100) {
                $banner = @(Get-Content $emulator.LogPath)
                if ($banner -contains 'Press Ctrl+C to stop.') { break }
                Start-Sleep -Milliseconds 100
            }
            $start = [array]::IndexOf($banner, 'Then paste:')
            $start | Should -BeGreaterThan 0
            $trust = $banner | Where-Object { $_ -match '^\s*SSL_CERT_FILE=(\S+) pwsh' } | Select-Object -First 1
            $trust | Should -Not -BeNullOrEmpty
            $caFile = ([regex]::Match($trust, 'SSL_CERT_FILE=(\S+)')).Groups[1].Value
            $pasted = $banner[($start + 1)..($banner.Count - 1)] | Where-Object { $_ -match '^\s{2}\S' } | ForEach-Object Trim
            $pasted[0] | Should -Match '^Import-Module '
            $run = Invoke-CtChildPwsh -Environment @{ SSL_CERT_FILE = $caFile } -Script (($pasted + '| Measure-Object | ForEach-Object { "subscriptions: $($_.Count)" }') -join "`n")
            $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
            $run.Output | Should -Contain 'subscriptions: 8'
        }
        finally { $null = Stop-CtEmulator -Emulator $emulator }
    }
}
