using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using LeadHandoff.Tests.Harness.Rpc;

namespace LeadHandoff.Tests.Harness;

/// <summary>
/// The host's side of one worker's EventStream: a single writer loop (gRPC stream writers are not
/// thread-safe), and a reader that routes each message to whoever waits for it.
/// </summary>
public sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outbox = Channel.CreateUnbounded<StreamingMessage>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _waiting = new();
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Log lines the worker sent over the stream (RpcLog), as "level category: message".</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Completes with the worker id once the worker opens the stream with StartStream.</summary>
    public Task<string> Started => _started.Task;

    public void Send(StreamingMessage message) => _outbox.Writer.TryWrite(message);

    /// <summary>Sends a request and waits for the reply correlated by <paramref name="key"/>.</summary>
    public Task<StreamingMessage> RequestAsync(StreamingMessage message, string key)
    {
        var reply = _waiting.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        Send(message);
        return reply.Task;
    }

    /// <summary>Runs for as long as the worker keeps its EventStream open.</summary>
    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writer = Task.Run(async () =>
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken)) await responses.WriteAsync(message, cancellationToken);
        }, cancellationToken);
        try
        {
            while (await requests.MoveNext(cancellationToken)) Route(requests.Current);
        }
        finally
        {
            _outbox.Writer.TryComplete();
            foreach (var waiting in _waiting.Values) waiting.TrySetException(new IOException("The worker closed its EventStream."));
            await writer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void Route(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Logs.Enqueue($"{message.RpcLog.Level} {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Complete("init", message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete("metadata", message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete("load:" + message.FunctionLoadResponse.FunctionId, message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete("invoke:" + message.InvocationResponse.InvocationId, message);
                break;
            case StreamingMessage.ContentOneofCase.WorkerStatusRequest:
                Send(new StreamingMessage { WorkerStatusResponse = new WorkerStatusResponse() });
                break;
        }
    }

    private void Complete(string key, StreamingMessage message) =>
        _waiting.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
}

/// <summary>The host's gRPC service: hands the worker's stream to the harness.</summary>
public sealed class HarnessRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}
