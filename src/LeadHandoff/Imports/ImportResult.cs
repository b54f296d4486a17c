namespace LeadHandoff.Imports;

/// <summary>What happened to one row of an imported file (rows count from 1, after the header).</summary>
public sealed record ImportRow(int Row, string Outcome, string? LeadId, IReadOnlyDictionary<string, string[]>? Errors)
{
    public const string Stored = "stored";
    public const string Duplicate = "duplicate";
    public const string AlreadyImported = "already imported";
    public const string Invalid = "invalid";
    public const string NotImported = "not imported";
}

/// <summary>
/// A file's import. <see cref="Imported"/> is false when any row is invalid: then nothing was
/// stored, and every row says why (its errors, or that the file was not imported).
/// </summary>
public sealed record ImportResult(string FileId, string Event, string? Week, bool Imported, int Rows, int Stored, int Duplicates, int Invalid, IReadOnlyList<ImportRow> Results)
{
    /// <summary>Rows an earlier upload of the same file had stored already.</summary>
    public int AlreadyImported => Results.Count(r => r.Outcome == ImportRow.AlreadyImported);
}
