namespace LeadHandoff.Benchmarks;

public static class Stats
{
    /// <summary>Nearest-rank percentile of milliseconds.</summary>
    public static double Percentile(IReadOnlyList<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Max(1, (int)Math.Ceiling(p / 100.0 * sorted.Count)) - 1];
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>min, median and max of a few samples, so one lucky run cannot stand for all.</summary>
    public static string Spread(IEnumerable<double> values, string unit)
    {
        var list = values.ToList();
        string F(double v) => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return $"min {F(list.Min())} {unit}, median {F(Median(list))} {unit}, max {F(list.Max())} {unit} (n = {list.Count})";
    }
}
