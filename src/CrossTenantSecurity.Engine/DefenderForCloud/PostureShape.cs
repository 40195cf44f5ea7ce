namespace CrossTenantSecurity.Engine.DefenderForCloud
{
    /// <summary>How ARM serves a posture kind.</summary>
    internal enum PostureShape
    {
        /// <summary>A collection, read page after page (nextLink); an unpaged one is one page.</summary>
        List = 0,
        /// <summary>One resource, read with one GET.</summary>
        Single,
    }
}
