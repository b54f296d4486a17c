using LeadHandoff.Pace;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Pace;

/// <summary>
/// The pace check (<c>PaceSchedule</c>, default hourly): on the pace day, from the pace time in the
/// business's time zone, marketing gets one "behind pace" email for a week under pace.
/// </summary>
public sealed partial class CheckPace(PaceService pace, ILogger<CheckPace> logger)
{
    [Function(nameof(CheckPace))]
    public async Task Run([TimerTrigger("%PaceSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await pace.RunAsync(cancellationToken);
        if (result is PaceCheck.Warned or PaceCheck.Waiting or PaceCheck.OnPace) LogRun(logger, timer.IsPastDue, result.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pace check (past due: {IsPastDue}): {Result}")]
    private static partial void LogRun(ILogger logger, bool isPastDue, string result);
}
