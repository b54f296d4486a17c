using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadHandoff.Benchmarks;

/// <summary>Counts every Table Storage request the app sends (each retry too), from inside its own pipeline.</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);

    /// <summary>Requests made while <paramref name="work"/> ran.</summary>
    public async Task<long> DuringAsync(Func<Task> work)
    {
        var before = Count;
        await work();
        return Count - before;
    }
}
