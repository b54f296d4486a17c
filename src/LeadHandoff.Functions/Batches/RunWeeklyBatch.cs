using LeadHandoff.Batches;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Batches;

/// <summary>
/// A heartbeat (<c>BatchSchedule</c>, default every 15 minutes). It may fire twice, late, or after a
/// missed run; the service's calendar and ledger make every one of those send each batch once.
/// </summary>
public sealed partial class RunWeeklyBatch(WeeklyBatchService batches, ILogger<RunWeeklyBatch> logger)
{
    [Function(nameof(RunWeeklyBatch))]
    public async Task Run([TimerTrigger("%BatchSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await batches.RunAsync(cancellationToken);
        LogRun(logger, timer.IsPastDue, result.WindowId, result.Outcome, result.Leads);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch heartbeat (past due: {IsPastDue}): window {WindowId} {Outcome}, {Leads} leads")]
    private static partial void LogRun(ILogger logger, bool isPastDue, string windowId, BatchRunOutcome outcome, int leads);
}
