namespace LeadHandoff.Shared;

/// <summary>
/// What is wrong with a form, in the reader's language: the intake's, a decision's, the roster's.
/// From <c>ValidationText(.th).resx</c> beside it.
/// </summary>
public sealed class ValidationText : LocalizedText<ValidationText>
{
    public string Describe(Problem problem) =>
        this[problem.Key, [.. problem.Args.Select(a => a is FieldLabel label ? Label(label.Name) : a)]];

    /// <summary>A field's name as the form shows it; the wire name when there is no resource for it (utm_source).</summary>
    public string Label(string field) => Has("Field." + field) ? this["Field." + field] : field;
}
