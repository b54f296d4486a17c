using System.Globalization;
using System.Text;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Scorecards;

/// <summary>
/// Small charts drawn as inline SVG on the server: no script, no CDN, readable by screen readers.
/// The drawing is 400 units wide with 13-unit text: on a 390 px phone it shows at about 0.8 scale
/// (text near 11 px), and the stylesheet caps it at 40rem on a desktop.
/// </summary>
public static class SvgCharts
{
    private const int Width = 400;
    private const int Height = 220;
    private const int Left = 46;
    private const int Bottom = 34;
    private const int FontSize = 13;

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A bar per week with the target as a dashed line.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, int Value)> bars, int target)
    {
        var max = Math.Max(1, Math.Max(target, bars.Count == 0 ? 0 : bars.Max(b => b.Value)));
        var plotHeight = Height - Bottom - 10;
        var slot = (Width - Left) / (double)Math.Max(1, bars.Count);
        var svg = Open(title);
        for (var i = 0; i < bars.Count; i++)
        {
            var h = bars[i].Value / (double)max * plotHeight;
            var x = Left + i * slot + slot * 0.15;
            var fill = bars[i].Value >= target ? "#2e7d32" : "#c62828";
            svg.Append($"<rect x=\"{F(x)}\" y=\"{F(Height - Bottom - h)}\" width=\"{F(slot * 0.7)}\" height=\"{F(h)}\" fill=\"{fill}\"><title>{H(bars[i].Label)}: {bars[i].Value}</title></rect>")
               .Append(AxisLabel(i, bars.Count, x + slot * 0.35, bars[i].Label));
        }
        var ty = Height - Bottom - target / (double)max * plotHeight;
        svg.Append($"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{F(ty)}\" y2=\"{F(ty)}\" stroke=\"#333\" stroke-dasharray=\"6 4\"/>")
           .Append($"<text x=\"{Left - 4}\" y=\"{F(ty + 4)}\" font-size=\"{FontSize}\" text-anchor=\"end\">{target}</text>");
        return Close(svg);
    }

    /// <summary>A line of shares (0 to 1) per week; weeks with no value leave a gap.</summary>
    public static string Line(string title, IReadOnlyList<(string Label, double? Share)> points, string colour)
    {
        var plotHeight = Height - Bottom - 10;
        var slot = (Width - Left) / (double)Math.Max(1, points.Count);
        var svg = Open(title);
        foreach (var pct in new[] { 0, 50, 100 })
        {
            var y = Height - Bottom - pct / 100.0 * plotHeight;
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#ddd\"/><text x=\"{Left - 4}\" y=\"{F(y + 4)}\" font-size=\"{FontSize}\" text-anchor=\"end\">{pct}%</text>");
        }
        var path = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + i * slot + slot / 2;
            svg.Append(AxisLabel(i, points.Count, x, points[i].Label));
            if (points[i].Share is not { } share) continue;
            var y = Height - Bottom - share * plotHeight;
            path.Append(path.Length == 0 ? "M" : " L").Append($"{F(x)} {F(y)}");
            svg.Append($"<circle cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"3\" fill=\"{colour}\"><title>{H(points[i].Label)}: {F(share * 100)}%</title></circle>");
        }
        if (path.Length > 0) svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>");
        return Close(svg);
    }

    /// <summary>Horizontal bars, largest first (reject reasons): each label on its own line above its bar, so long labels never collide.</summary>
    public static string HorizontalBars(string title, IReadOnlyList<(string Label, int Value)> bars)
    {
        const int row = 40;
        var height = Math.Max(40, bars.Count * row + 6);
        var max = Math.Max(1, bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{H(title)}\"><title>{H(title)}</title>");
        if (bars.Count == 0) svg.Append($"<text x=\"4\" y=\"24\" font-size=\"{FontSize}\">No rejections in this period.</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var w = bars[i].Value / (double)max * (Width - 60);
            svg.Append($"<text x=\"4\" y=\"{i * row + 15}\" font-size=\"{FontSize}\">{H(bars[i].Label)}</text>")
               .Append($"<rect x=\"4\" y=\"{i * row + 20}\" width=\"{F(w)}\" height=\"14\" fill=\"#6a1b9a\"/>")
               .Append($"<text x=\"{F(10 + w)}\" y=\"{i * row + 32}\" font-size=\"{FontSize}\">{bars[i].Value}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A week's label under the axis; when weeks are many, every n-th, so labels never overlap.</summary>
    private static string AxisLabel(int index, int count, double x, string label)
    {
        var every = Math.Max(1, (int)Math.Ceiling(count / 6.0));
        return (count - 1 - index) % every != 0 ? "" // keep the latest week labelled
            : $"<text x=\"{F(x)}\" y=\"{Height - Bottom + 18}\" font-size=\"{FontSize}\" text-anchor=\"middle\">{H(label)}</text>";
    }

    private static StringBuilder Open(string title) =>
        new($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{H(title)}\"><title>{H(title)}</title>" +
            $"<line x1=\"{Left}\" x2=\"{Width}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();
}
