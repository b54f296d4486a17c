using LeadHandoff.Configuration;

namespace LeadHandoff.Functions.Scheduling;

/// <summary>
/// The heartbeat schedules. Top-level app settings, because the host resolves them itself for the
/// timer triggers (<c>%BatchSchedule%</c>); the worker checks them so a typo fails at start-up.
/// Timers run in UTC on Linux and Flex plans: these are heartbeats, and the SLA calendar decides.
/// </summary>
public sealed class ScheduleOptions : ISettings
{
    public string BatchSchedule { get; set; } = "";

    public string DeadlineSchedule { get; set; } = "";

    public string PurgeSchedule { get; set; } = "";

    public string HotLaneSchedule { get; set; } = "";

    public string WebhookSchedule { get; set; } = "";

    public string WebhookReconcileSchedule { get; set; } = "";

    public string WithdrawalSchedule { get; set; } = "";

    public string PaceSchedule { get; set; } = "";

    public IEnumerable<string> Validate()
    {
        if (!IsNcrontab(BatchSchedule))
            yield return "BatchSchedule must be a six-field NCRONTAB expression such as '0 */15 * * * *' (every 15 minutes).";
        if (!IsNcrontab(DeadlineSchedule))
            yield return "DeadlineSchedule must be a six-field NCRONTAB expression such as '0 */15 * * * *' (every 15 minutes).";
        if (!IsNcrontab(PurgeSchedule))
            yield return "PurgeSchedule must be a six-field NCRONTAB expression such as '0 30 2 * * *' (daily at 02:30 UTC).";
        if (!IsNcrontab(HotLaneSchedule))
            yield return "HotLaneSchedule must be a six-field NCRONTAB expression such as '0 * * * * *' (every minute).";
        if (!IsNcrontab(WebhookSchedule))
            yield return "WebhookSchedule must be a six-field NCRONTAB expression such as '30 * * * * *' (every minute).";
        if (!IsNcrontab(WebhookReconcileSchedule))
            yield return "WebhookReconcileSchedule must be a six-field NCRONTAB expression such as '0 7,22,37,52 * * * *' (every 15 minutes).";
        if (!IsNcrontab(WithdrawalSchedule))
            yield return "WithdrawalSchedule must be a six-field NCRONTAB expression such as '15 * * * * *' (every minute).";
        if (!IsNcrontab(PaceSchedule))
            yield return "PaceSchedule must be a six-field NCRONTAB expression such as '0 5 * * * *' (hourly).";
    }

    private static bool IsNcrontab(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 6 } fields &&
        fields.All(f => f.All(c => char.IsAsciiDigit(c) || c is '*' or '/' or ',' or '-'));
}
