using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>
/// Makes a race a test promises really happen: once armed, it holds the storage requests a rule
/// matches until <c>parties</c> of them are waiting, then lets them all go at once. Every contender
/// has then read the same state before any of them writes. Unarmed it passes everything, so every
/// test app carries one. A gate that a time limit had to open (too few contenders arrived) says so,
/// and the test fails on it rather than passing on a race that never ran.
/// </summary>
public sealed class StorageGate : HttpPipelinePolicy
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _open;
    private Func<HttpMessage, bool>? _holds;
    private int _parties;

    /// <summary>How many requests the gate held at once before it opened.</summary>
    public int Arrived { get; private set; }

    /// <summary>True when the gate opened because every party arrived, not because the time limit passed.</summary>
    public bool OpenedFull { get; private set; }

    public void Arm(int parties, Func<HttpMessage, bool> holds)
    {
        lock (_lock)
        {
            (_parties, _holds, Arrived, OpenedFull) = (parties, holds, 0, false);
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>A write (anything but a read) to the table whose name ends with <paramref name="table"/>.</summary>
    public static Func<HttpMessage, bool> WritesTo(string table) => message =>
        message.Request.Method != RequestMethod.Get && message.Request.Uri.Path.Split('/').LastOrDefault()?.Split('(')[0].EndsWith(table, StringComparison.Ordinal) == true;

    /// <summary>An entity-group transaction (a POST to <c>$batch</c>).</summary>
    public static bool IsTransaction(HttpMessage message) =>
        message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Hold(message) is { } open)
        {
            try
            {
                await open.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                lock (_lock) _open?.TrySetResult();
            }
        }
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Hold(message)?.Wait(TimeSpan.FromSeconds(20));
        ProcessNext(message, pipeline);
    }

    /// <summary>The task to wait for when this request is held; null when it goes straight through.</summary>
    private Task? Hold(HttpMessage message)
    {
        lock (_lock)
        {
            if (_open is not { Task.IsCompleted: false } open || _holds is null || !_holds(message)) return null;
            Arrived++;
            if (Arrived < _parties) return open.Task;
            OpenedFull = true;
            open.TrySetResult();
            return null;
        }
    }
}
