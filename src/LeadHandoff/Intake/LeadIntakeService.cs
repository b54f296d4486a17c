using LeadHandoff.Leads;
using LeadHandoff.Spam;
using LeadHandoff.Tables;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Intake;

/// <summary>
/// One submission, from raw fields to a stored lead: for a browser form the rate limit, validation
/// and spam checks, for a keyed integration validation only; then a deduplicated write into the
/// batch window it arrived in.
/// </summary>
public sealed partial class LeadIntakeService(
    LeadFormValidator validator,
    LeadStore store,
    SlaCalendar calendar,
    SenderChecks checks,
    HotLane.HotLaneService hotLane,
    Webhooks.WebhookEmitter webhooks,
    Confirmation.ConfirmationService confirmation,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<LeadIntakeService> logger)
{
    private static readonly TimeSpan RetryStorageAfter = TimeSpan.FromSeconds(30);

    public async Task<IntakeResult> SubmitAsync(IReadOnlyDictionary<string, string> fields, Submitter from, CancellationToken cancellationToken)
    {
        var clientIp = from.ClientIp;
        if (!from.IsIntegration && checks.WaitFor(clientIp) is { } wait)
        {
            LogRateLimited(logger);
            return new IntakeResult.RateLimited(wait);
        }

        var form = validator.Validate(fields);
        var receivedAt = time.GetUtcNow();
        var window = calendar.WindowContaining(receivedAt);
        var id = Guid.CreateVersion7(receivedAt).ToString("N");
        try
        {
            if (!from.IsIntegration && form.Honeypot != HoneypotState.Empty)
                return await FlagAsync(FlagKind.Spam, $"honeypot-{form.Honeypot.ToString().ToLowerInvariant()}");

            if (form.Lead is null)
            {
                LogInvalid(logger, form.Errors.Count, string.Join(",", form.Errors.Fields));
                return new IntakeResult.Invalid(form.Errors);
            }

            // How fast the form was filled, by its signed stamp: a server posting for another form is not timed.
            if (!from.IsIntegration && checks.StampSuspect(form.Stamp) is { } tooSoon)
                return await FlagAsync(FlagKind.Quarantined, tooSoon);

            var check = from.IsIntegration ? HumanCheck.NotConfigured : await checks.HumanAsync(form.TurnstileToken, clientIp, cancellationToken);
            if (check is not (HumanCheck.Passed or HumanCheck.NotConfigured))
                return await FlagAsync(FlagKind.Quarantined, $"turnstile-{check.ToString().ToLowerInvariant()}");

            // Look-alike text is held for a person to look at, not refused: it may be a real name.
            if (LookAlikeText.FirstSuspect(form.Lead) is { } suspect)
                return await FlagAsync(FlagKind.Quarantined, "lookalike-" + suspect);

            var hot = hotLane.IsHot(form.Lead.Source.Offer);
            var stored = await store.SaveAsync(window.Id, id, form.Lead, receivedAt, hot, cancellationToken);
            LogStored(logger, stored.LeadId, window.Id, stored.SubmissionCount);
            if (stored.IsNew) await webhooks.TryEmitAsync(Webhooks.WebhookEvent.Received(window.Id, stored.LeadId, receivedAt), cancellationToken);
            if (hot) await hotLane.TryHandOffAsync(window.Id, stored.LeadId, cancellationToken);
            // A person at a form hears back; a server posting for someone else's form does not.
            if (!from.IsIntegration) await confirmation.TrySendAsync(form.Lead, fields.GetValueOrDefault(LeadFields.Language.Name), hot, receivedAt, cancellationToken);
            return new IntakeResult.Accepted(stored.LeadId, form.Redirect);
        }
        catch (StorageUnavailableException ex)
        {
            LogStorageDown(logger, ex.Status, ex.ErrorCode);
            return new IntakeResult.Unavailable(RetryStorageAfter);
        }

        async Task<IntakeResult> FlagAsync(FlagKind kind, string reason)
        {
            var kept = fields
                .Where(f => f.Key != options.Value.HoneypotField || kind == FlagKind.Spam)
                .Take(LeadFields.MaxFieldCount)
                .ToDictionary(f => f.Key, f => TextNormaliser.Sanitise(f.Value, LeadFields.All.FirstOrDefault(l => l.Name == f.Key)?.MaxLength ?? 200));
            await store.SaveFlaggedAsync(new FlaggedSubmission(id, window.Id, kind, reason, receivedAt, kept) { Origin = from.Origin }, cancellationToken);
            LogFlagged(logger, id, kind, reason);
            return new IntakeResult.Accepted(id, form.Redirect);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} stored in window {WindowId}, submission {SubmissionCount}")]
    private static partial void LogStored(ILogger logger, string leadId, string windowId, int submissionCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission {SubmissionId} flagged as {Kind} ({Reason})")]
    private static partial void LogFlagged(ILogger logger, string submissionId, FlagKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission refused: {ErrorCount} invalid fields ({Fields})")]
    private static partial void LogInvalid(ILogger logger, int errorCount, string fields);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission refused: client over its rate limit")]
    private static partial void LogRateLimited(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Table Storage unavailable (status {Status}, {ErrorCode}); submission answered 503")]
    private static partial void LogStorageDown(ILogger logger, int status, string? errorCode);
}
