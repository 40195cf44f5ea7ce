using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static CrossTenantSecurity.Engine.Reporting.Html;

namespace CrossTenantSecurity.Engine.Reporting
{
    /// <summary>
    /// Horizontal bar charts drawn as inline SVG by the module (no script, no font or image request). Each bar is a
    /// &lt;g class="bar"&gt; with one &lt;rect class="segment {series}"&gt; per segment and a &lt;title&gt; with the exact values,
    /// so the page, a printer and a test all see the same elements.
    /// </summary>
    internal static class SvgChart
    {
        private const int LabelWidth = 230, BarHeight = 18, Gap = 6, ValueWidth = 90, Width = 760, Top = 8;

        /// <summary>
        /// A chart with one bar per item: <paramref name="id"/> is the chart's id (and data-chart attribute),
        /// <paramref name="max"/> the value of a full-width bar (null: the largest total), <paramref name="referenceLine"/>
        /// a vertical line such as the weighted roll-up; <paramref name="title"/>, <paramref name="bars"/>,
        /// <paramref name="unit"/> and <paramref name="legend"/> are what they say.
        /// </summary>
        public static string Bars(string id, string title, IReadOnlyList<ChartBar> bars, double? max, string unit, (double Value, string Label)? referenceLine = null,
            IReadOnlyList<string>? legend = null)
        {
            double scaleMax = max ?? Math.Max(1, bars.Select(b => b.Segments.Sum(s => s.Value)).DefaultIfEmpty(1).Max());
            int plot = Width - LabelWidth - ValueWidth;
            int height = Top * 2 + Math.Max(1, bars.Count) * (BarHeight + Gap) + (legend is null ? 0 : 22);
            var svg = new StringBuilder();
            svg.Append($"<svg class=\"chart\" id=\"{E(id)}\" data-chart=\"{E(id)}\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">");
            svg.Append($"<title>{E(title)}</title>");
            if (bars.Count == 0) svg.Append($"<text x=\"{LabelWidth}\" y=\"{Top + BarHeight - 4}\" class=\"empty\">No data</text>");
            for (int i = 0; i < bars.Count; i++)
            {
                ChartBar bar = bars[i];
                int y = Top + i * (BarHeight + Gap);
                double total = bar.Segments.Sum(s => s.Value);
                string detail = string.Join(", ", bar.Segments.Select(s => $"{s.Series} {N(s.Value)}"));
                svg.Append($"<g class=\"bar\" data-label=\"{E(bar.Label)}\" data-value=\"{E(N(total))}\"><title>{E(bar.Label)}: {E(bar.Note ?? (bar.Segments.Count > 1 ? detail : N(total) + unit))}</title>");
                svg.Append($"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + BarHeight - 5}\" text-anchor=\"end\">{E(Clip(bar.Label, 34))}</text>");
                double x = LabelWidth;
                foreach (var (value, series) in bar.Segments)
                {
                    double w = scaleMax <= 0 ? 0 : Math.Max(0, value) / scaleMax * plot;
                    svg.Append($"<rect class=\"segment {E(series.ToLowerInvariant())}\" x=\"{N(x)}\" y=\"{y}\" width=\"{N(w)}\" height=\"{BarHeight}\"/>");
                    x += w;
                }
                svg.Append($"<text class=\"value\" x=\"{N(x + 6)}\" y=\"{y + BarHeight - 5}\">{E(bar.Note ?? N(total) + unit)}</text></g>");
            }
            if (referenceLine is { } line && !double.IsNaN(line.Value))
            {
                double x = LabelWidth + line.Value / scaleMax * plot;
                int bottom = Top + Math.Max(1, bars.Count) * (BarHeight + Gap);
                svg.Append($"<g class=\"reference\"><title>{E(line.Label)}</title><line x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"2\" y2=\"{bottom}\"/>");
                svg.Append($"<text x=\"{N(x + 4)}\" y=\"{bottom + 12}\">{E(line.Label)}</text></g>");
            }
            if (legend is not null)
            {
                double lx = LabelWidth;
                int ly = height - 14;
                foreach (string series in legend)
                {
                    svg.Append($"<g class=\"legend\"><rect class=\"segment {E(series.ToLowerInvariant())}\" x=\"{N(lx)}\" y=\"{ly}\" width=\"10\" height=\"10\"/><text x=\"{N(lx + 14)}\" y=\"{ly + 9}\">{E(series)}</text></g>");
                    lx += 24 + series.Length * 7;
                }
            }
            svg.Append("</svg>");
            return svg.ToString();
        }
    }
}
