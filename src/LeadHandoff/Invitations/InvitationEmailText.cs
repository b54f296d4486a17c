namespace LeadHandoff.Invitations;

/// <summary>The invitation email's words in the member's roster language, from <c>InvitationEmailText(.th).resx</c> beside it.</summary>
public sealed class InvitationEmailText : LocalizedText<InvitationEmailText>;
