using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static CrossTenantSecurity.Engine.Reporting.Html;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>
    /// A value over time as inline SVG, in <see cref="SvgChart"/>'s style (no script, no external request): one
    /// &lt;polyline class="trend"&gt; and one &lt;circle class="point"&gt; per point, each with a &lt;title&gt; holding the
    /// date and exact value, so the page, a printer and a test see the same elements. Time runs left to right.
    /// </summary>
    internal static class SvgLineChart
    {
        private const int Width = 760, Height = 140, Left = 48, Right = 16, Top = 10, Bottom = 24;

        public static string Lines(string id, string title, IReadOnlyList<(DateTimeOffset At, double Value)> points, double max, string unit)
        {
            var svg = new StringBuilder();
            svg.Append($"<svg class=\"chart trend\" id=\"{E(id)}\" data-chart=\"{E(id)}\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
            svg.Append($"<title>{E(title)}</title>");
            int plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
            foreach (double tick in new[] { 0, max / 2, max })
            {
                double y = Top + plotHeight - tick / max * plotHeight;
                svg.Append($"<g class=\"axis\"><line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\"/><text x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{E(N(tick) + unit)}</text></g>");
            }
            var ordered = points.OrderBy(p => p.At).ToList();
            if (ordered.Count == 0)
            {
                svg.Append($"<text x=\"{Left + 8}\" y=\"{Top + plotHeight / 2}\" class=\"empty\">No data</text></svg>");
                return svg.ToString();
            }
            long first = ordered[0].At.UtcTicks, span = Math.Max(1, ordered[^1].At.UtcTicks - first);
            // A single point sits in the middle rather than on the axis.
            double X(DateTimeOffset at) => ordered.Count == 1 ? Left + plotWidth / 2.0 : Left + (double)(at.UtcTicks - first) / span * plotWidth;
            double Y(double value) => Top + plotHeight - Math.Clamp(value, 0, max) / max * plotHeight;
            svg.Append($"<polyline class=\"trend\" points=\"{string.Join(" ", ordered.Select(p => N(X(p.At)) + "," + N(Y(p.Value))))}\"/>");
            foreach (var (at, value) in ordered)
            {
                string when = at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                svg.Append($"<circle class=\"point\" data-at=\"{E(at.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))}\" data-value=\"{E(N(value))}\" cx=\"{N(X(at))}\" cy=\"{N(Y(value))}\" r=\"3\"><title>{E(when)}: {E(N(value) + unit)}</title></circle>");
            }
            svg.Append($"<text class=\"from\" x=\"{Left}\" y=\"{Height - 6}\">{E(ordered[0].At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</text>");
            if (ordered.Count > 1)
                svg.Append($"<text class=\"to\" x=\"{Width - Right}\" y=\"{Height - 6}\" text-anchor=\"end\">{E(ordered[^1].At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</text>");
            svg.Append("</svg>");
            return svg.ToString();
        }
    }
}
