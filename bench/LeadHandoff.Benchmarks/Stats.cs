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
}
