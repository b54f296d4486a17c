using LeadHandoff.Privacy;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Privacy;

/// <summary>Daily retention (<c>PurgeSchedule</c>): anonymises leads past <c>Retention:LeadDays</c>, deletes spam past <c>Retention:FlaggedDays</c>.</summary>
public sealed partial class PurgeExpiredLeads(PrivacyService privacy, ILogger<PurgeExpiredLeads> logger)
{
    [Function(nameof(PurgeExpiredLeads))]
    public async Task Run([TimerTrigger("%PurgeSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await privacy.PurgeAsync(cancellationToken);
        LogRun(logger, timer.IsPastDue, result.Weeks);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention heartbeat (past due: {IsPastDue}): {Weeks} weeks purged")]
    private static partial void LogRun(ILogger logger, bool isPastDue, int weeks);
}
