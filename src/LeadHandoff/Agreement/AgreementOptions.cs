using LeadHandoff.Configuration;

namespace LeadHandoff.Agreement;

/// <summary>
/// The agreement's first version, read once: when a deployment has no version yet, these (with
/// <c>Sla:WeeklyTarget</c>) become version 1; from then on storage is the truth and a change takes
/// a proposal that the other side approves. Checked when seeding, not at start-up: a bad value is
/// logged naming the setting and its default used, so a business setting never stops the intake.
/// </summary>
public sealed class AgreementOptions : ISettings
{
    public const string SectionName = "Agreement";

    /// <summary>Share (0 to 1) of the week's leads decided by the deadline that sales should accept. Default 0.3.</summary>
    public double QualityTarget { get; set; } = 0.3;

    /// <summary>Share (0 to 1) of the week's leads sales should decide by the deadline. Default 0.9.</summary>
    public double OnTimeTarget { get; set; } = 0.9;

    /// <summary>The lead definition: offers, sectors and size bands that count (empty: all).</summary>
    public List<string> Offers { get; set; } = [];

    public List<string> Sectors { get; set; } = [];

    public List<string> SizeBands { get; set; } = [];

    /// <summary>Nothing is refused at start-up (see the class summary); the seed's ranges are checked by <see cref="AgreementTerms.Check"/>.</summary>
    public IEnumerable<string> Validate() => [];
}
