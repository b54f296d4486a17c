using LeadHandoff.Deadlines;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Deadlines;

/// <summary>
/// The deadline heartbeat (<c>DeadlineSchedule</c>, default every 15 minutes): reminders, escalations
/// and the unworked mark, each at most once per batch, step and recipient, however often it fires.
/// </summary>
public sealed partial class EnforceDeadline(DeadlineService deadlines, ILogger<EnforceDeadline> logger)
{
    [Function(nameof(EnforceDeadline))]
    public async Task Run([TimerTrigger("%DeadlineSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await deadlines.RunAsync(cancellationToken);
        LogRun(logger, timer.IsPastDue, result.OpenBatches, result.EmailsSent, result.BatchesClosed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline heartbeat (past due: {IsPastDue}): {OpenBatches} open batches, {EmailsSent} emails sent, {BatchesClosed} closed")]
    private static partial void LogRun(ILogger logger, bool isPastDue, int openBatches, int emailsSent, int batchesClosed);
}
