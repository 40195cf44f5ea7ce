namespace CrossTenantSecurity.Emulator.ResourceGraph.Kql
{
    /// <summary>Static column types; the names are those ARG's table result format reports.</summary>
    internal enum KqlType
    {
        String,
        Long,
        Real,
        Bool,
        DateTime,
        Dynamic,
    }

    internal static class KqlTypeNames
    {
        public static string TableName(this KqlType type) => type switch
        {
            KqlType.String => "string",
            KqlType.Long => "integer",
            KqlType.Real => "real",
            KqlType.Bool => "boolean",
            KqlType.DateTime => "datetime",
            _ => "object",
        };
    }
}
