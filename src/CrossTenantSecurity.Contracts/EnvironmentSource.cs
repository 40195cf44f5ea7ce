namespace CrossTenantSecurity
{
    /// <summary>Where a cloud environment comes from. Long-based, like every output enum, so ConvertTo-Json writes its name.</summary>
    public enum EnvironmentSource : long
    {
        /// <summary>Shipped with the module: AzureCloud, AzureUSGovernment, AzureChinaCloud.</summary>
        BuiltIn = 0,
        /// <summary>Saved by Add-CtEnvironment in the user's configuration folder; every new session sees it.</summary>
        CurrentUser,
        /// <summary>Added with -Scope Process: every runspace of this process sees it until the process ends.</summary>
        Process,
    }
}
