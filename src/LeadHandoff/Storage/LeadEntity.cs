using Azure;
using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;

namespace LeadHandoff.Storage;

/// <summary>
/// A lead row: PartitionKey is the batch window id, so a week's batch is one partition query;
/// RowKey is <c>L-{leadId}</c>, keeping leads in one key range apart from index and flagged rows.
/// </summary>
public sealed class LeadEntity : ITableEntity
{
    public const string RowPrefix = "L-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string EmailHash { get; set; } = "";
    public string Company { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public string? Phone { get; set; }
    public string Message { get; set; } = "";
    public string Sector { get; set; } = "";
    public string SizeBand { get; set; } = "";
    public string Offer { get; set; } = "";
    public string? UtmSource { get; set; }
    public string? UtmMedium { get; set; }
    public string? UtmCampaign { get; set; }
    public string? UtmTerm { get; set; }
    public string? UtmContent { get; set; }
    public string? PageUrl { get; set; }
    public string? Referrer { get; set; }
    public bool ConsentGiven { get; set; }
    public string? ConsentVersion { get; set; }
    /// <summary>When the consent now on record was given: the submission that carried the current details.</summary>
    public DateTimeOffset? ConsentAt { get; set; }
    public DateTimeOffset FirstReceivedAt { get; set; }
    public DateTimeOffset LastReceivedAt { get; set; }
    public int SubmissionCount { get; set; }

    /// <summary>Set at batch time by routing.</summary>
    public string? OwnerId { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>Accepted, Rejected or Nurture once sales has decided; null while open.</summary>
    public string? Decision { get; set; }
    public string? RejectReason { get; set; }
    public string? DecisionNote { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>From the batch email going out to the decision.</summary>
    public double? DecisionSeconds { get; set; }
    public bool? DecidedOnTime { get; set; }
    /// <summary>The first decision's time to decide and timeliness: what the SLA measures, whatever changes follow.</summary>
    public double? FirstDecisionSeconds { get; set; }
    public bool? FirstDecidedOnTime { get; set; }
    public DateTimeOffset? FirstDecidedAt { get; set; }
    /// <summary>Still undecided when the last escalation step ran. Stays set if a late decision follows.</summary>
    public bool Unworked { get; set; }
    /// <summary>Personal fields removed (retention or erasure); the row remains for the scorecard.</summary>
    public bool Anonymised { get; set; }
    /// <summary>1 for the first decision, +1 for each change; each has a history row.</summary>
    public int DecisionRevision { get; set; }

    public static string RowKeyOf(string leadId) => RowPrefix + leadId;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public string LeadId => RowKey[RowPrefix.Length..];

    public static LeadEntity Create(string windowId, string leadId, LeadDetails details, DateTimeOffset receivedAt)
    {
        var entity = new LeadEntity
        {
            PartitionKey = windowId,
            RowKey = RowKeyOf(leadId),
            FirstReceivedAt = receivedAt,
            SubmissionCount = 1,
        };
        entity.Apply(details, receivedAt);
        return entity;
    }

    /// <summary>Replaces the details with a newer submission's.</summary>
    public void Apply(LeadDetails details, DateTimeOffset receivedAt)
    {
        Name = details.Name;
        Email = details.Email;
        EmailHash = Leads.EmailHash.Of(details.Email);
        Company = details.Company;
        JobTitle = details.JobTitle;
        Phone = details.Phone;
        Message = details.Message;
        Sector = details.Segment.Sector;
        SizeBand = details.Segment.SizeBand;
        Offer = details.Source.Offer;
        UtmSource = details.Source.UtmSource;
        UtmMedium = details.Source.UtmMedium;
        UtmCampaign = details.Source.UtmCampaign;
        UtmTerm = details.Source.UtmTerm;
        UtmContent = details.Source.UtmContent;
        PageUrl = details.Source.PageUrl;
        Referrer = details.Source.Referrer;
        ConsentGiven = details.Consent.Given;
        ConsentVersion = details.Consent.TextVersion;
        ConsentAt = receivedAt;
        LastReceivedAt = receivedAt;
    }

    public Lead ToLead() => new(
        LeadId,
        PartitionKey,
        new LeadDetails(
            Name, Email, Company, JobTitle, Phone, Message,
            new Segment(Sector, SizeBand),
            new MarketingSource(Offer, UtmSource, UtmMedium, UtmCampaign, UtmTerm, UtmContent, PageUrl, Referrer),
            new Consent(ConsentGiven, ConsentVersion)),
        FirstReceivedAt,
        LastReceivedAt,
        SubmissionCount,
        OwnerId,
        Decision is null ? null : new RecordedDecision(
            Enum.Parse<Decision>(Decision), NullIfEmpty(RejectReason), NullIfEmpty(DecisionNote), DecidedBy ?? "", DecidedAt ?? default,
            DecisionSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, DecidedOnTime ?? false, DecisionRevision),
        Unworked,
        FirstDecidedAt is null ? null : new FirstDecision(FirstDecidedAt.Value, FirstDecisionSeconds is { } first ? TimeSpan.FromSeconds(first) : null, FirstDecidedOnTime ?? false),
        Anonymised);

    /// <summary>
    /// A merge that blanks every personal field and keeps the rest (segment, source, dates, owner,
    /// decision), so the scorecard still counts the lead. Blank, not null: a merge skips nulls.
    /// </summary>
    public static TableEntity AnonymisedFields(string windowId, string leadId) => new(windowId, RowKeyOf(leadId))
    {
        [nameof(Name)] = "",
        [nameof(Email)] = "",
        [nameof(EmailHash)] = "",
        [nameof(Company)] = "",
        [nameof(JobTitle)] = "",
        [nameof(Phone)] = "",
        [nameof(Message)] = "",
        [nameof(PageUrl)] = "",
        [nameof(Referrer)] = "",
        [nameof(DecisionNote)] = "",
        [nameof(Anonymised)] = true,
    };

    /// <summary>
    /// The decision fields, for a merge that leaves everything else alone. A merge skips nulls
    /// rather than clearing them, so "no reason" and "no note" are written as empty strings.
    /// </summary>
    public static TableEntity DecisionFields(string windowId, string leadId, RecordedDecision decision)
    {
        var fields = DecisionOnly(windowId, leadId, decision);
        if (decision.Revision == 1)
        {
            fields[nameof(FirstDecisionSeconds)] = decision.TimeToDecide?.TotalSeconds;
            fields[nameof(FirstDecidedOnTime)] = decision.OnTime;
            fields[nameof(FirstDecidedAt)] = decision.DecidedAt;
        }
        return fields;
    }

    private static TableEntity DecisionOnly(string windowId, string leadId, RecordedDecision decision) => new(windowId, RowKeyOf(leadId))
    {
        [nameof(Decision)] = decision.Decision.ToString(),
        [nameof(RejectReason)] = decision.Reason ?? "",
        [nameof(DecisionNote)] = decision.Note ?? "",
        [nameof(DecidedBy)] = decision.DecidedBy,
        [nameof(DecidedAt)] = decision.DecidedAt,
        [nameof(DecisionSeconds)] = decision.TimeToDecide?.TotalSeconds,
        [nameof(DecidedOnTime)] = decision.OnTime,
        [nameof(DecisionRevision)] = decision.Revision,
    };
}
