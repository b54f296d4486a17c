namespace LeadHandoff.Leads;

/// <summary>Orders size bands the way people read them (1-10, 11-50, …, 1001+), not alphabetically.</summary>
public sealed class SizeBandOrder : IComparer<string>
{
    public static readonly SizeBandOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var byNumber = LowerBound(x).CompareTo(LowerBound(y));
        return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
    }

    private static long LowerBound(string? band)
    {
        var digits = new string((band ?? "").TakeWhile(char.IsAsciiDigit).ToArray());
        return long.TryParse(digits, out var n) ? n : long.MaxValue;
    }
}
