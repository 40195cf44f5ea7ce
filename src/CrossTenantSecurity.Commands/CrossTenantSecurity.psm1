# Picks the build for this edition and imports it. Uses only Core cmdlets and .NET calls, so it also
# imports in hosts that carry nothing but the PowerShell engine.
if ($PSEdition -eq 'Desktop') {
    throw 'CrossTenantSecurity needs PowerShell 7.4 or later (Windows PowerShell 5.1 is not supported by this build). Install PowerShell 7: https://aka.ms/powershell'
}
if ($PSVersionTable.PSVersion -lt [version]'7.4') {
    throw "CrossTenantSecurity needs PowerShell 7.4 or later; this is $($PSVersionTable.PSVersion)."
}

$binaryModulePath = [System.IO.Path]::Combine($PSScriptRoot, 'bin', 'Core', 'CrossTenantSecurity.Commands.dll')
$binaryModule = Import-Module -Name $binaryModulePath -PassThru

# Remove the binary module (and unhook its load-context bridge) with this one.
$ExecutionContext.SessionState.Module.OnRemove = {
    if ($binaryModule) { Remove-Module -ModuleInfo $binaryModule }
}.GetNewClosure()
