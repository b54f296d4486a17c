using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Intake;

/// <summary>
/// A fixed-window count of submissions per client IP, held in this instance's memory. Each app
/// instance counts on its own: it stops a single script hammering the form, not a distributed attack.
/// </summary>
public sealed class ClientRateLimiter(IOptions<IntakeOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly int _permits = options.Value.RateLimitPermits;
    private readonly TimeSpan _window = TimeSpan.FromSeconds(options.Value.RateLimitWindowSeconds);
    private long _lastSweepTicks;

    /// <summary>Counts one submission; returns how long to wait when the client is over its limit.</summary>
    public TimeSpan? TryAcquire(string clientKey)
    {
        var now = time.GetUtcNow();
        SweepExpired(now);
        var counter = _counters.GetOrAdd(clientKey, _ => new Counter(now));
        lock (counter)
        {
            if (now - counter.WindowStart >= _window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }
            if (counter.Count >= _permits) return counter.WindowStart + _window - now;
            counter.Count++;
            return null;
        }
    }

    // Without a sweep, every IP ever seen would stay in memory for the life of the instance.
    private void SweepExpired(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < _window.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last) return;
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.WindowStart >= _window) _counters.TryRemove(key, out _);
        }
    }

    private sealed class Counter(DateTimeOffset windowStart)
    {
        public DateTimeOffset WindowStart { get; set; } = windowStart;
        public int Count { get; set; }
    }
}
