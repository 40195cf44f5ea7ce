using System.Globalization;
using System.Net;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>
    /// The one way a value enters the report: every name, id, message and number goes through <c>E</c>,
    /// in text and in attributes alike (WebUtility encodes &lt; &gt; &amp; " and '), so a hostile display name stays text.
    /// </summary>
    internal static class Html
    {
        public static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

        public static string E(double value, string format = "0.#") =>
            double.IsNaN(value) ? "n/a" : E(value.ToString(format, CultureInfo.InvariantCulture));

        public static string E(int value) => E(value.ToString(CultureInfo.InvariantCulture));

        /// <summary>A number for a data-sort attribute (NaN sorts as -1, below every real value).</summary>
        public static string Sort(double value) => E(double.IsNaN(value) ? "-1" : value.ToString("0.###", CultureInfo.InvariantCulture));

        public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>At most <paramref name="max"/> characters, with an ellipsis (charts label in a fixed width).</summary>
        public static string Clip(string? value, int max)
        {
            value ??= string.Empty;
            return value.Length <= max ? value : value.Substring(0, max - 1) + "\u2026";
        }
    }
}
