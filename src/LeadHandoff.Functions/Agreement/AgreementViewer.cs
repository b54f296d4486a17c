using LeadHandoff.Agreement;

namespace LeadHandoff.Functions.Agreement;

/// <summary>
/// Who reads the agreement page, for the forms it shows them: the side they head (a manager heads
/// sales, marketing heads marketing), whether they are an admin (who may propose for either side,
/// but never answers for one: both heads sign), and the staff form's token.
/// </summary>
public sealed record AgreementViewer(string Name, AgreementSide? Side, bool Admin, string Self, string? FormToken)
{
    public bool MayPropose => Side is not null || Admin;
}
