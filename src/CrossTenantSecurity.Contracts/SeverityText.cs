using System;

namespace CrossTenantSecurity
{
    /// <summary>Reads the service's severity text.</summary>
    public static class SeverityText
    {
        public static Severity Parse(string? text) =>
            text is not null && Enum.TryParse(text.Trim(), ignoreCase: true, out Severity severity) && Enum.IsDefined(typeof(Severity), severity)
                ? severity
                : Severity.Unknown;
    }
}
