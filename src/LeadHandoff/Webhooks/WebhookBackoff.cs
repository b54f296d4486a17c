namespace LeadHandoff.Webhooks;

/// <summary>
/// When to try a failed delivery again: the first wait, doubled per failure up to a ceiling, each
/// scaled by a jitter between 0.75 and 1.25 so that a receiver coming back up is not hit by every
/// event at the same second. With the defaults (30 s, 6 h) the waits run 30 s, 1 min, 2 min … 4 h
/// 16 min, then about 6 h: some twenty tries over the three days before the subscription is disabled.
/// </summary>
public static class WebhookBackoff
{
    /// <param name="failures">Failures so far, 1 after the first.</param>
    /// <param name="jitter">A number in [0, 1): where in the jitter band this wait falls.</param>
    public static TimeSpan Delay(int failures, TimeSpan first, TimeSpan ceiling, double jitter)
    {
        var doubling = Math.Pow(2, Math.Min(Math.Max(failures, 1) - 1, 30));
        var wait = Math.Min(first.TotalSeconds * doubling, ceiling.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Min(wait * (0.75 + 0.5 * jitter), ceiling.TotalSeconds));
    }
}
