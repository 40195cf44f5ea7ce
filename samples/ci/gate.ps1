#Requires -Version 7.4
<#
.SYNOPSIS
    The daily posture job of a pipeline: snapshot, HTML report, gate (JUnit + job summary), then save to history.
.DESCRIPTION
    Run it signed in already (Connect-CtAccount in the same pwsh), e.g. from the GitHub Actions workflow or the Azure
    DevOps pipeline beside it. It ends with exit code 1 when the gate fails (PostureGate.Failed), after the report, the
    JUnit file and the summary are written, so the publish steps that run "always" still have them. The snapshot is
    saved after the gate, so -MaximumScoreDrop compares today with the previous run.
#>
[CmdletBinding()]
param(
    [string] $PolicyPath = (Join-Path $PSScriptRoot 'gate.psd1'),
    [string] $OutputDirectory = './posture-out',
    [string] $DatabasePath = (Join-Path $OutputDirectory 'posture-history.db'),
    [switch] $FailOnError
)
$ErrorActionPreference = 'Stop'   # the gate's terminating error ends the script with exit code 1
$null = New-Item -ItemType Directory -Force -Path $OutputDirectory

# Subscriptions that cannot be read are non-terminating errors: log them, keep going (they are Error results in the gate).
$snapshot = Get-CtPostureSnapshot -IncludeDetail -ErrorAction Continue -WarningAction Continue
$snapshot | Export-CtPostureReport -Path (Join-Path $OutputDirectory 'posture.html') | Out-Null

try {
    $snapshot | Test-CtPosture -PolicyPath $PolicyPath -DatabasePath $DatabasePath -FailOnError:$FailOnError `
        -OutputFormat JUnit -OutputPath (Join-Path $OutputDirectory 'TEST-posture.xml') -Summary |
        Where-Object Outcome -ne 'Passed' | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}
finally {
    $snapshot | Save-CtPostureSnapshot -DatabasePath $DatabasePath -WarningAction SilentlyContinue | Out-Null
}
