using Azure;
using Azure.Data.Tables;
using LeadHandoff.Leads;

namespace LeadHandoff.Storage;

/// <summary>A spam or quarantined submission: <c>X-{id}</c> in the window's partition, never in the lead range.</summary>
public sealed class FlaggedEntity : ITableEntity
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

    public static FlaggedEntity From(FlaggedSubmission submission) => new()
    {
        PartitionKey = submission.WindowId,
        RowKey = RowPrefix + submission.Id,
        Kind = submission.Kind.ToString(),
        Reason = submission.Reason,
        ReceivedAt = submission.ReceivedAt,
        FieldsJson = System.Text.Json.JsonSerializer.Serialize(submission.Fields),
        EmailHash = EmailOf(submission) is { } email ? Leads.EmailHash.Of(email) : null,
    };

    /// <summary>The submission's email as the intake would normalise it, if it has one.</summary>
    public static string? EmailOf(FlaggedSubmission submission) =>
        submission.Fields.TryGetValue("email", out var email) && email.Length > 0 ? Intake.TextNormaliser.Normalise(email).ToLowerInvariant() : null;

    public FlaggedSubmission ToSubmission() => new(
        RowKey[RowPrefix.Length..],
        PartitionKey,
        Enum.Parse<FlagKind>(Kind),
        Reason,
        ReceivedAt,
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(FieldsJson) ?? []);
}
