using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Leads;

/// <summary>
/// A lead row: PartitionKey is the batch window id, so a week's batch is one partition query;
/// RowKey is <c>L-{leadId}</c>, keeping leads in one key range apart from index and flagged rows.
/// </summary>
internal sealed class LeadEntity : ITableEntity
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

    /// <summary>Reassignments, one per line, oldest first (capped like <see cref="Changes"/>).</summary>
    public string? OwnerHistory { get; set; }

    /// <summary>Set when the hot lane took the lead: when it was routed, and when its decision is due (business hours later).</summary>
    public DateTimeOffset? HotAt { get; set; }
    public DateTimeOffset? HotDueAt { get; set; }

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
    /// <summary>The token of the write that recorded the current decision: a retried transaction recognises its own.</summary>
    public string? DecisionToken { get; set; }
    /// <summary>What later submissions changed, one line each ("phone changed from … to …"), for the rep.</summary>
    public string? Changes { get; set; }
    /// <summary>
    /// Writer tokens: the ids of the latest submissions folded into this lead. A retry whose earlier
    /// write went through (its response lost) finds its id here and is not counted twice.
    /// </summary>
    public string? RecentSubmissions { get; set; }

    private const int RecentSubmissionsKept = 40;
    private const int ChangesMaxLength = 4000;

    public bool HasSubmission(string submissionId) => RecentSubmissions?.Split(' ').Contains(submissionId) == true;

    /// <summary>Counts one more submission and remembers its token.</summary>
    public void CountSubmission(string submissionId)
    {
        SubmissionCount++;
        RecentSubmissions = string.Join(' ', (RecentSubmissions?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []).Append(submissionId).TakeLast(RecentSubmissionsKept));
    }

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
            RecentSubmissions = leadId,
        };
        entity.Apply(details, receivedAt);
        return entity;
    }

    /// <summary>
    /// Folds in another submission of the same person. A newer one updates what it gives and keeps
    /// what it leaves empty, noting each change for the rep; an older one that arrives late only
    /// fills gaps. A repeat never erases what the person told us before.
    /// </summary>
    public void Merge(LeadDetails details, DateTimeOffset receivedAt)
    {
        var newer = receivedAt >= LastReceivedAt;
        var changes = new List<string>();
        string? Pick(string label, string? kept, string? given)
        {
            if (string.IsNullOrEmpty(given)) return kept;
            if (string.IsNullOrEmpty(kept)) return given;
            if (!newer || kept == given) return kept;
            if (label.Length > 0) changes.Add($"{label} changed from {kept} to {given}");
            return given;
        }
        Name = Pick("name", Name, details.Name)!;
        Company = Pick("company", Company, details.Company)!;
        JobTitle = Pick("job title", JobTitle, details.JobTitle)!;
        Phone = Pick("phone", Phone, details.Phone);
        Message = Pick("message", Message, details.Message)!;
        Sector = Pick("sector", Sector, details.Segment.Sector)!;
        SizeBand = Pick("company size", SizeBand, details.Segment.SizeBand)!;
        Offer = Pick("offer", Offer, details.Source.Offer)!;
        UtmSource = Pick("", UtmSource, details.Source.UtmSource);
        UtmMedium = Pick("", UtmMedium, details.Source.UtmMedium);
        UtmCampaign = Pick("", UtmCampaign, details.Source.UtmCampaign);
        UtmTerm = Pick("", UtmTerm, details.Source.UtmTerm);
        UtmContent = Pick("", UtmContent, details.Source.UtmContent);
        PageUrl = Pick("", PageUrl, details.Source.PageUrl);
        Referrer = Pick("", Referrer, details.Source.Referrer);
        if (newer)
        {
            // Consent is whatever the latest submission said, with its text version and time.
            ConsentGiven = details.Consent.Given;
            ConsentVersion = details.Consent.TextVersion;
            ConsentAt = receivedAt;
            LastReceivedAt = receivedAt;
        }
        if (changes.Count > 0)
        {
            var all = string.Join('\n', (Changes?.Split('\n') ?? []).Concat(changes));
            Changes = all.Length <= ChangesMaxLength ? all : all[^ChangesMaxLength..];
        }
    }

    private void Apply(LeadDetails details, DateTimeOffset receivedAt)
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
        Anonymised,
        string.IsNullOrEmpty(Changes) ? [] : Changes.Split('\n'))
    {
        Hot = HotAt is { } at && HotDueAt is { } due ? new HotDelivery(at, due) : null,
        OwnerHistory = string.IsNullOrEmpty(OwnerHistory) ? [] : OwnerHistory.Split('\n'),
    };

    /// <summary>The hot lane's fields, for a merge that leaves everything else alone.</summary>
    public static TableEntity HotFields(string windowId, string leadId, HotDelivery hot) => new(windowId, RowKeyOf(leadId))
    {
        [nameof(HotAt)] = hot.At,
        [nameof(HotDueAt)] = hot.DueAt,
    };

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
        [nameof(Changes)] = "",
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
