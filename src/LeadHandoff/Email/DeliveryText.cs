namespace LeadHandoff.Email;

/// <summary>
/// What the delivery adds to an email (a possible repeat, a redirect to the sales inbox and the
/// manager), written in the email's own language so it reads as part of it. From
/// <c>DeliveryText(.th).resx</c> beside it. The mail service's refusal is quoted as it came.
/// </summary>
public sealed class DeliveryText : LocalizedText<DeliveryText>;
