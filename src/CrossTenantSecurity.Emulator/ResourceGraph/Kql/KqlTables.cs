using System;
using System.Collections.Generic;
using System.Linq;

namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>The tables the emulator serves and their columns, as in ARG.</summary>
    internal static class KqlTables
    {
        public static readonly string[] Names = { "securityresources", "resourcecontainers" };

        private static readonly (string Name, KqlType Type)[] Columns =
        {
            ("id", KqlType.String), ("name", KqlType.String), ("type", KqlType.String), ("tenantId", KqlType.String),
            ("kind", KqlType.String), ("location", KqlType.String), ("resourceGroup", KqlType.String),
            ("subscriptionId", KqlType.String), ("managedBy", KqlType.String), ("sku", KqlType.Dynamic),
            ("plan", KqlType.Dynamic), ("properties", KqlType.Dynamic), ("tags", KqlType.Dynamic),
            ("identity", KqlType.Dynamic), ("zones", KqlType.Dynamic), ("extendedLocation", KqlType.Dynamic),
        };

        /// <summary>ARG accepts table names in any case (Resources, securityresources).</summary>
        public static string? Canonical(string name) => Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

        public static KqlSchema Schema() => new(Columns.Select(c => new KeyValuePair<string, KqlType>(c.Name, c.Type)));
    }
}
