using System;

namespace CrossTenantSecurity.Engine.History
{
    /// <summary>The database was written by a newer module (its schema version is above the latest this module knows).</summary>
    public sealed class HistorySchemaException : Exception
    {
        public HistorySchemaException(string message) : base(message) { }
    }
}
