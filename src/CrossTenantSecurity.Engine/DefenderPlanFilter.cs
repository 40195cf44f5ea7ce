using System;
using System.Collections.Generic;

namespace CrossTenantSecurity.Engine
{
    /// <summary>
    /// Which Defender plans to keep: plan names as wildcard patterns read as PowerShell's -like does (*, ?, [abc],
    /// [a-z], a backtick escapes; case-insensitive). A plan is kept when it matches any pattern; none keeps every plan.
    /// </summary>
    public sealed class DefenderPlanFilter
    {
        public IReadOnlyCollection<string> Plans { get; set; } = Array.Empty<string>();
    }
}
