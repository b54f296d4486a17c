namespace LeadHandoff.Team;

/// <summary>A person (or the shared inbox) who qualifies leads, and the language their lead emails are written in (en, th).</summary>
public sealed record Owner(string Id, string Name, string Email, string Language = "en");
