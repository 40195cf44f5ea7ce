namespace CrossTenantSecurity
{
    /// <summary>Who shares a sign-in made with Connect-CtAccount.</summary>
    public enum ContextScope : long
    {
        /// <summary>Only the runspace that signed in (the default): parallel runspaces never see each other's tenant.</summary>
        Runspace = 0,
        /// <summary>Every runspace of the process (ForEach-Object -Parallel, Start-ThreadJob) that has no sign-in of its own.</summary>
        Process,
    }
}
