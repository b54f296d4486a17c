namespace LeadHandoff.Shared;

/// <summary>
/// One thing wrong (with a field, or with the roster): a <see cref="ValidationText"/> resource and
/// its arguments, so the same refusal reads in English to an API caller and in Thai to a person who
/// used a Thai form. The key alone names it where no person reads it (a log).
/// </summary>
public sealed record Problem(string Key, params object[] Args);

/// <summary>
/// An argument that is itself a field's name, written in the reader's words ("Company" / "บริษัท")
/// from the <c>Field.{name}</c> resource.
/// </summary>
public sealed record FieldLabel(string Name);

/// <summary>Field name → what is wrong with it, in words a person filling in the form understands.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Problem>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public IEnumerable<string> Fields => _errors.Keys;

    /// <param name="key">A resource in <c>ValidationText(.th).resx</c> beside it.</param>
    public void Add(string field, string key, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(new Problem(key, args));
    }

    /// <summary>Field → its messages, in English unless told: what the JSON APIs answer.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary(ValidationText? text = null) =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select((text ?? ValidationText.English).Describe).ToArray(), StringComparer.Ordinal);

    /// <summary>Every message in English.</summary>
    public IEnumerable<string> Messages => In(ValidationText.English);

    /// <summary>Every message in the reader's language.</summary>
    public IEnumerable<string> In(ValidationText text) => _errors.Values.SelectMany(m => m).Select(text.Describe);
}
