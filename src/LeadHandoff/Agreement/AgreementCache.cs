namespace LeadHandoff.Agreement;

/// <summary>
/// The agreement as this instance last read it, for the paths that run on every lead or decision
/// (the hot lane, the reject reasons, the escalation ladder): read again when older than
/// <see cref="MaxAge"/>. A change only ever applies from the next batch week, so an instance a few
/// seconds behind another grades and chases nothing differently.
/// </summary>
public sealed class AgreementCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private volatile Entry? _entry;

    /// <summary>The last state read, or null before the first read.</summary>
    public AgreementState? State => _entry?.State;

    public bool Fresh => _entry is { } e && time.GetUtcNow() - e.At < MaxAge;

    public void Use(AgreementState state) => _entry = new Entry(state, time.GetUtcNow());

    private sealed record Entry(AgreementState State, DateTimeOffset At);
}
