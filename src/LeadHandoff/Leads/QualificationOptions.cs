using LeadHandoff.Configuration;

namespace LeadHandoff.Leads;

/// <summary>One reason a rep may give for rejecting a lead: its id (stored with the decision) and its words.</summary>
public sealed class RejectReasonOptions
{
    public string Id { get; set; } = "";

    /// <summary>The words in English, and in Thai when <see cref="ThaiLabel"/> is not set.</summary>
    public string Label { get; set; } = "";

    /// <summary>The words for Thai readers (<c>Qualification:RejectReasons:N:ThaiLabel</c>).</summary>
    public string? ThaiLabel { get; set; }

    /// <summary>The words for a reader of this language.</summary>
    public string LabelIn(string? language) =>
        LocalizedText.IsThai(language) && !string.IsNullOrWhiteSpace(ThaiLabel) ? ThaiLabel : Label;
}

/// <summary>How sales may decide: the reject reasons on offer.</summary>
public sealed class QualificationOptions : ISettings
{
    public const string SectionName = "Qualification";

    /// <summary>The reason whose choice makes a note required.</summary>
    public const string OtherReason = "other";

    public const int MaxNoteLength = 1000;

    /// <summary>Defaults to the agreement's list; configuring any replaces it whole.</summary>
    public List<RejectReasonOptions> RejectReasons { get; set; } = [];

    public IReadOnlyList<RejectReasonOptions> EffectiveReasons => RejectReasons.Count > 0 ? RejectReasons : Defaults;

    /// <summary>The agreement's list, in the order the form offers it; its words in English and Thai from <c>RejectReasonText(.th).resx</c> beside it.</summary>
    public static readonly IReadOnlyList<RejectReasonOptions> Defaults =
        [.. new[] { "not-icp", "too-small", "no-budget", "no-need", "student", "competitor", "spam", "duplicate", OtherReason }
            .Select(id => new RejectReasonOptions { Id = id, Label = RejectReasonText.English[id], ThaiLabel = RejectReasonText.Thai[id] })];

    /// <summary>Reason id → its words for a reader of this language; an id no longer configured reads as itself.</summary>
    public IReadOnlyDictionary<string, string> LabelsIn(string? language) => EffectiveReasons.ToDictionary(r => r.Id, r => r.LabelIn(language));

    public IEnumerable<string> Validate()
    {
        for (var i = 0; i < RejectReasons.Count; i++)
        {
            var reason = RejectReasons[i];
            if (string.IsNullOrWhiteSpace(reason.Id) || !reason.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') || reason.Id.Length > 40)
                yield return $"{SectionName}:RejectReasons:{i}:Id must be 1 to 40 letters, digits or '-'.";
            if (string.IsNullOrWhiteSpace(reason.Label))
                yield return $"{SectionName}:RejectReasons:{i}:Label must be set.";
        }
        if (RejectReasons.Count > 0 && RejectReasons.Select(r => r.Id).Distinct().Count() != RejectReasons.Count)
            yield return $"{SectionName}:RejectReasons ids must be unique.";
    }
}
