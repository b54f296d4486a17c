namespace LeadHandoff.Links;

/// <summary>What a signed link may be used for; a token for one purpose is refused for any other.</summary>
public enum LinkPurpose
{
    /// <summary>Qualify one lead. Subject: "{windowId}/{leadId}".</summary>
    Qualify = 1,

    /// <summary>See and decide all of an owner's leads in one batch. Subject: "{windowId}".</summary>
    Batch = 2,

    /// <summary>A person confirms they want their data erased. Subject: the withdrawal request id.</summary>
    Withdraw = 3,

    /// <summary>The sales manager's view of one batch week's team. Subject: "{windowId}"; owner: "manager".</summary>
    Team = 4,

    /// <summary>When a lead form was shown. Subject: that instant in Unix milliseconds; owner: "form".</summary>
    FormStamp = 5,

    /// <summary>A roster member binds their work account. Subject: the invitation's nonce; owner: the member's id.</summary>
    Invitation = 6,

    /// <summary>The other side's head answers an agreement proposal. Subject: the proposal's id; owner: the member's id.</summary>
    AgreementAnswer = 7,
}
