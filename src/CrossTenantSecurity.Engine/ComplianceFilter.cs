using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// Which regulatory compliance standards to keep (and so whose controls are read): standard names as wildcard
    /// patterns read as PowerShell's -like does (*, ?, [abc], [a-z], a backtick escapes; case-insensitive). None keeps every standard.
    /// </summary>
    public sealed class ComplianceFilter
    {
        public IReadOnlyCollection<string> Standards { get; set; } = Array.Empty<string>();
    }
}
