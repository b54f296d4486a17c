using LeadHandoff.HotLane;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.HotLane;

/// <summary>
/// The hot lane's sweep (<c>HotLaneSchedule</c>, default every minute): finishes any hot lead the
/// form's own try did not hand over, and chases those past their business-hours deadline.
/// </summary>
public sealed partial class SweepHotLeads(HotLaneService hotLane, ILogger<SweepHotLeads> logger)
{
    [Function(nameof(SweepHotLeads))]
    public async Task Run([TimerTrigger("%HotLaneSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await hotLane.SweepAsync(cancellationToken);
        if (result.Open > 0) LogRun(logger, timer.IsPastDue, result.Open, result.Sent, result.Chased, result.Closed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hot lane sweep (past due: {IsPastDue}): {Open} open, {Sent} sent, {Chased} chased, {Closed} closed")]
    private static partial void LogRun(ILogger logger, bool isPastDue, int open, int sent, int chased, int closed);
}
