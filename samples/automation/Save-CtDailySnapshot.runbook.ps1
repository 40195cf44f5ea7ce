#Requires -Version 7.4
<#
.SYNOPSIS
    Azure Automation runbook (PowerShell 7.4 runtime): saves a daily posture snapshot of every customer.
.DESCRIPTION
    Signs in with the Automation account's managed identity (give it Security Reader in each customer's Lighthouse
    offer), takes a snapshot with detail and saves it in the SQLite history. A job's sandbox is not kept between runs,
    so with -StorageBlobUri the database is downloaded before and uploaded after (the identity needs Storage Blob Data
    Contributor on the container; the blob is written through the Az.Accounts token for https://storage.azure.com).
    Locally, or in a test, -SkipSignIn uses the sign-in already made in the session.
#>
param(
    [string] $DatabasePath = (Join-Path ([IO.Path]::GetTempPath()) 'posture-history.db'),
    [string] $StorageBlobUri,
    [string] $AccountId,
    [switch] $SkipSignIn
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Module CrossTenantSecurity)) { Import-Module CrossTenantSecurity }

if (-not $SkipSignIn) {
    $identity = if ($AccountId) { @{ AccountId = $AccountId } } else { @{} }
    Connect-CtAccount -Identity @identity | Out-Null
}

function Get-StorageHeaders {
    $token = (Get-AzAccessToken -ResourceUrl 'https://storage.azure.com' -AsSecureString).Token | ConvertFrom-SecureString -AsPlainText
    @{ Authorization = "Bearer $token"; 'x-ms-version' = '2023-11-03' }
}

if ($StorageBlobUri) {
    try { Invoke-WebRequest -Uri $StorageBlobUri -Headers (Get-StorageHeaders) -OutFile $DatabasePath | Out-Null }
    catch { Write-Output "No history yet at $StorageBlobUri; starting one." }
}

# Subscriptions that cannot be read are written as errors and kept in the snapshot; the save still happens.
$saved = Save-CtPostureSnapshot -DatabasePath $DatabasePath -ErrorAction Continue -WarningAction Continue
Write-Output ("Saved snapshot #{0}: {1} customers, {2} subscriptions, score {3:N1} %, {4} failures, in {5:N0} ms." -f `
    $saved.SnapshotId, $saved.TenantCount, $saved.SubscriptionCount, $saved.Percentage, $saved.FailureCount, $saved.SaveDuration.TotalMilliseconds)

if ($StorageBlobUri) {
    $headers = (Get-StorageHeaders) + @{ 'x-ms-blob-type' = 'BlockBlob' }
    Invoke-WebRequest -Method Put -Uri $StorageBlobUri -Headers $headers -InFile $DatabasePath -ContentType 'application/octet-stream' | Out-Null
}
