using System;

namespace CrossTenantSecurity
{
    /// <summary>What kind of problem stopped a whole command (not one scope).</summary>
    public enum CrossTenantErrorKind : long
    {
        Unknown = 0,
        /// <summary>No credential could be obtained, or sign-in was refused.</summary>
        Authentication,
        /// <summary>An argument was wrong (bad GUID, unknown environment...).</summary>
        InvalidArgument,
        /// <summary>A required thing does not exist (e.g. an environment name).</summary>
        NotFound,
        /// <summary>The service could not be reached.</summary>
        Connection,
    }
}
