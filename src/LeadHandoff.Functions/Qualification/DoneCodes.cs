using LeadHandoff.Qualification;

namespace LeadHandoff.Functions.Qualification;

/// <summary>What a decision post did, as the <c>done</c> code the page is redirected with.</summary>
public static class DoneCodes
{
    public static string Of(DecisionResult result) => result switch
    {
        DecisionResult.Recorded => "recorded",
        DecisionResult.Changed => "changed",
        DecisionResult.AlreadyRecorded => "already",
        _ => "conflict",
    };
}
