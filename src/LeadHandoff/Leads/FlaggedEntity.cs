using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>A spam or quarantined submission: <c>X-{id}</c> in the window's partition, never in the lead range.</summary>
internal sealed class FlaggedEntity : ITableEntity
{
    public const string RowPrefix = "X-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>Hash of the submitted email, when there was one: erasure finds the row by it.</summary>
    public string? EmailHash { get; set; }
    /// <summary>The submitted fields as a JSON object, already cut to each field's limit.</summary>
    public string FieldsJson { get; set; } = "{}";
    public string? Origin { get; set; }
    /// <summary>A <see cref="ReviewState"/> name; empty until someone acts on it.</summary>
    public string? Review { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReleaseWindowId { get; set; }
    public string? ReleasedLeadId { get; set; }

    public static FlaggedEntity From(FlaggedSubmission submission) => new()
    {
        PartitionKey = submission.WindowId,
        RowKey = RowPrefix + submission.Id,
        Kind = submission.Kind.ToString(),
        Reason = submission.Reason,
        ReceivedAt = submission.ReceivedAt,
        FieldsJson = FitFields(submission.Fields),
        EmailHash = EmailOf(submission) is { } email ? Leads.EmailHash.Of(email) : null,
        Origin = submission.Origin,
    };

    /// <summary>A string property holds 64 KiB of UTF-16, 32,768 characters; this leaves room to spare.</summary>
    public const int MaxFieldsJsonChars = 30_000;

    public const string TruncatedMarker = "_truncated";

    // Stored text, not HTML: Thai and other scripts stay as they are (a sixth of the \uXXXX size).
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The fields as JSON that always fits one property: while it is too long, the longest value is
    /// cut in half and marked, and a <see cref="TruncatedMarker"/> field says so. Never a 503 for size.
    /// </summary>
    public static string FitFields(IReadOnlyDictionary<string, string> fields)
    {
        var kept = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        var json = System.Text.Json.JsonSerializer.Serialize(kept, Json);
        while (json.Length > MaxFieldsJsonChars)
        {
            var longest = kept.Where(f => f.Key != TruncatedMarker).MaxBy(f => f.Key.Length + f.Value.Length);
            var cut = longest.Value.Length / 2;
            if (cut > 0 && char.IsLowSurrogate(longest.Value[cut])) cut--; // never split a pair
            if (longest.Value.Length > 16) kept[longest.Key] = longest.Value[..cut] + " [cut]";
            else kept.Remove(longest.Key);
            kept[TruncatedMarker] = "the submission was cut to fit Table Storage's 64 KiB property limit";
            json = System.Text.Json.JsonSerializer.Serialize(kept, Json);
        }
        return json;
    }

    /// <summary>The submission's email as the intake would normalise it, if it has one.</summary>
    public static string? EmailOf(FlaggedSubmission submission) =>
        submission.Fields.TryGetValue("email", out var email) && email.Length > 0 ? TextNormaliser.ComparisonKey(email) : null;

    public FlaggedSubmission ToSubmission() => new(
        RowKey[RowPrefix.Length..],
        PartitionKey,
        Enum.Parse<FlagKind>(Kind),
        Reason,
        ReceivedAt,
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(FieldsJson) ?? [])
    {
        Origin = Origin,
        Review = Enum.TryParse<ReviewState>(Review, out var review) ? review : ReviewState.Open,
        ReviewedAt = ReviewedAt,
        ReleaseWindowId = ReleaseWindowId,
        ReleasedLeadId = ReleasedLeadId,
    };
}
