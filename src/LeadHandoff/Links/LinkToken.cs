namespace LeadHandoff.Links;

/// <summary>What a valid token vouches for.</summary>
public sealed record LinkClaims(LinkPurpose Purpose, string Subject, string OwnerId, DateTimeOffset ExpiresAt);

public enum TokenCheck
{
    Valid,
    /// <summary>Tampered, forged, unknown key or malformed: 403.</summary>
    Forged,
    /// <summary>Genuine, but minted for another purpose: 403.</summary>
    WrongPurpose,
    /// <summary>Genuine and past its expiry: 410.</summary>
    Expired,
}

public sealed record TokenResult(TokenCheck Check, LinkClaims? Claims = null);
