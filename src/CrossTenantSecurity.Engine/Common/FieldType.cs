namespace CrossTenantSecurity.Engine.Common
{
    /// <summary>The JSON type a required field must have (see <see cref="RequiredFields"/>).</summary>
    internal enum FieldType
    {
        /// <summary>A JSON string, whatever its value: an enum value the module does not know yet is kept, not refused.</summary>
        String,
        /// <summary>A JSON number, or a string that reads as one (as <see cref="Json.Double"/> reads it).</summary>
        Number,
    }
}
