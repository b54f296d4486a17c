using LeadHandoff.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Middleware;

/// <summary>
/// The one place failures are mapped. An exception leaving a function goes back to the host as a
/// failed invocation, and the host logs its message: so the message is rebuilt from what is known
/// to be free of personal data (the function, the exception type, our storage status), never the
/// original text, which third-party code may have filled with request or entity data.
/// </summary>
public sealed partial class ExceptionMiddleware(ILogger<ExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            var detail = ex is StorageUnavailableException storage ? $" (Table Storage status {storage.Status}, {storage.ErrorCode})" : "";
            LogFailed(logger, context.FunctionDefinition.Name, context.InvocationId, ex.GetType().Name, detail);
            throw new FunctionFailedException($"{context.FunctionDefinition.Name} failed with {ex.GetType().Name}{detail}; invocation {context.InvocationId}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed with {ExceptionType}{Detail}")]
    private static partial void LogFailed(ILogger logger, string functionName, string invocationId, string exceptionType, string detail);
}

/// <summary>A function failure whose message carries no personal data.</summary>
public sealed class FunctionFailedException(string message) : Exception(message);
