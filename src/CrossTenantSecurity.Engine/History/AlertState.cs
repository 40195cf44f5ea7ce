using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Engine.History
{
    internal sealed class AlertState
    {
        public AlertState(string name, string? displayName, string? severity)
        {
            Name = name;
            DisplayName = displayName;
            Severity = severity;
        }

        public string Name { get; }
        public string? DisplayName { get; }
        public string? Severity { get; }
    }
}
