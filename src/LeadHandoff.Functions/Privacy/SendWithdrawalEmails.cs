using LeadHandoff.Privacy;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Functions.Privacy;

/// <summary>
/// The withdrawal sweep (<c>WithdrawalSchedule</c>, default every minute): the form only records
/// what was asked, so its answer is the same whoever asks; this looks each address up and emails
/// the ones we hold their confirmation link, at most once a day each.
/// </summary>
public sealed partial class SendWithdrawalEmails(WithdrawalService withdrawals, ILogger<SendWithdrawalEmails> logger)
{
    [Function(nameof(SendWithdrawalEmails))]
    public async Task Run([TimerTrigger("%WithdrawalSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await withdrawals.SendAskedAsync(cancellationToken);
        if (result.Sent + result.NotHeld + result.EmailedRecently + result.Waiting > 0)
            LogRun(logger, timer.IsPastDue, result.Sent, result.NotHeld, result.EmailedRecently, result.Waiting);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Withdrawal sweep (past due: {IsPastDue}): {Sent} sent, {NotHeld} not held, {EmailedRecently} emailed within the day, {Waiting} waiting")]
    private static partial void LogRun(ILogger logger, bool isPastDue, int sent, int notHeld, int emailedRecently, int waiting);
}
