namespace LeadHandoff.Functions.Http;

/// <summary>What reading a request body gave: the raw fields, or why the body could not be read.</summary>
public abstract record SubmittedForm
{
    private SubmittedForm() { }

    public sealed record Fields(IReadOnlyDictionary<string, string> Values) : SubmittedForm;

    public sealed record TooLarge(int MaxBytes) : SubmittedForm;

    /// <summary>A media type or charset we do not read; <c>Message</c> says which and what to send instead.</summary>
    public sealed record Unsupported(string Message) : SubmittedForm;

    /// <summary>The body could not be parsed; <c>Field</c> names the offending field, or "body".</summary>
    public sealed record Malformed(string Field, string Message) : SubmittedForm;
}
