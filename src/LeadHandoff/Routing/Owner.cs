namespace LeadHandoff.Routing;

/// <summary>A person (or the shared inbox) who qualifies leads.</summary>
public sealed record Owner(string Id, string Name, string Email);
