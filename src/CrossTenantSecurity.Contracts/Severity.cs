using System;

namespace CrossTenantSecurity
{
    /// <summary>
    /// Severity of an alert or a recommendation, in order of meaning, so Sort-Object Severity sorts
    /// Informational before High and -ge 'Medium' works. Based on long on purpose: PowerShell 7's
    /// ConvertTo-Json writes long-based enums by name (see <see cref="SubscriptionAccessType"/>).
    /// </summary>
    public enum Severity : long
    {
        /// <summary>The service sent no severity, or one unknown today.</summary>
        Unknown = 0,
        Informational = 1,
        Low = 2,
        Medium = 3,
        High = 4,
    }
}
