using LeadHandoff.Configuration;

namespace LeadHandoff.Confirmation;

/// <summary>Whether a person who filled in a form hears back, in the company's name.</summary>
public sealed class ConfirmationOptions : ISettings
{
    public const string SectionName = "Confirmation";

    /// <summary>Off by default: the company decides whether its forms answer by email.</summary>
    public bool Enabled { get; set; }

    public IEnumerable<string> Validate() => [];
}
