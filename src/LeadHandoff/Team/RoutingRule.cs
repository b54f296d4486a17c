namespace LeadHandoff.Team;

/// <summary>
/// A routing rule: the first whose every given condition matches a lead wins. A blank condition
/// matches anything; the email domain is the part after '@', compared without case.
/// </summary>
public sealed record RoutingRule(int Order, string Owner, string? Sector = null, string? SizeBand = null, string? Offer = null, string? EmailDomain = null);
