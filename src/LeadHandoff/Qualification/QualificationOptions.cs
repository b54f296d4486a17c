using LeadHandoff.Configuration;

namespace LeadHandoff.Qualification;

public sealed class RejectReasonOptions
{
    public string Id { get; set; } = "";
    public string Label { get; set; } = "";
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

    public static readonly IReadOnlyList<RejectReasonOptions> Defaults =
    [
        new() { Id = "not-icp", Label = "Not our ideal customer profile" },
        new() { Id = "too-small", Label = "Too small" },
        new() { Id = "no-budget", Label = "No budget" },
        new() { Id = "no-need", Label = "No need or timing" },
        new() { Id = "student", Label = "Student or job seeker" },
        new() { Id = "competitor", Label = "Competitor" },
        new() { Id = "spam", Label = "Spam or fake" },
        new() { Id = "duplicate", Label = "Duplicate" },
        new() { Id = OtherReason, Label = "Other (say why in the note)" },
    ];

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
