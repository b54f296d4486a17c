using LeadHandoff.Intake;
using LeadHandoff.Leads;
using LeadHandoff.Tables;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;

namespace LeadHandoff.Reviews;

/// <summary>
/// Marketing's review queue: the submissions the honeypot or the human check kept from sales, and
/// the two things a person can do with one. <b>Release</b> makes it a lead: while its own window's
/// batch has not gone, it simply joins that batch; once it has, the lead is stored in the open
/// week, handed to its routed owner at once by email, and due by the open week's deadline (so the
/// owner always gets at least the agreed business days, and next Monday's batch lists it again).
/// <b>Confirm spam</b> records the verdict. Both are audited, and both are safe to retry.
/// </summary>
public sealed partial class ReviewQueueService(
    LeadStore leads,
    BatchLedger ledger,
    LeadFormValidator validator,
    ReleasedLeadHandover handover,
    ReviewAudit audit,
    SlaCalendar calendar,
    Webhooks.WebhookEmitter webhooks,
    TimeProvider time,
    ILogger<ReviewQueueService> logger)
{
    // Two reviewers on one row settle within a couple of re-reads; more means something is wrong.
    private const int MaxAttempts = 5;

    /// <summary>The window's flagged submissions, newest first.</summary>
    public async Task<List<FlaggedSubmission>> ListAsync(string windowId, CancellationToken cancellationToken)
    {
        var result = new List<FlaggedSubmission>();
        await foreach (var item in leads.ListFlaggedAsync(windowId, cancellationToken)) result.Add(item);
        return [.. result.OrderByDescending(s => s.ReceivedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public Task<ReviewOutcome> ReleaseAsync(string windowId, string submissionId, string by, CancellationToken cancellationToken) =>
        OnSubmissionAsync(windowId, submissionId, async (submission, version) =>
        {
            switch (submission.Review)
            {
                case ReviewState.Released:
                    // A crash after the release and before its audit row: the row is written now.
                    await audit.AuditAsync(new ReviewAction(windowId, submissionId, ReviewAction.Release, submission.Reason, by, submission.ReviewedAt ?? time.GetUtcNow(), submission.ReleaseWindowId, submission.ReleasedLeadId), cancellationToken);
                    return new ReviewOutcome.Released(submission.ReleaseWindowId!, submission.ReleasedLeadId!, submission.ReleaseWindowId == windowId, null, null, AlreadyDone: true);
                case ReviewState.ConfirmedSpam:
                    return new ReviewOutcome.Refused("RefusedSpam");
            }
            var form = validator.Validate(submission.Fields);
            if (form.Lead is null) return new ReviewOutcome.Invalid(form.Errors);

            // The target window is chosen once and written down before the lead exists, so a retry
            // after a crash finishes in the same window instead of storing the lead twice.
            var now = time.GetUtcNow();
            var target = submission.ReleaseWindowId;
            if (submission.Review == ReviewState.Open)
            {
                target = await ChooseWindowAsync(submission.WindowId, now, cancellationToken);
                var releasing = submission with { Review = ReviewState.Releasing, ReleaseWindowId = target, ReviewedAt = now };
                if (await leads.TrySetReviewAsync(releasing, version, cancellationToken) is not { } next) return null;
                (submission, version) = (releasing, next);
            }

            // The submission's id is the lead's token: a retried save is recognised, never counted twice.
            var stored = await leads.SaveAsync(target!, submission.Id, form.Lead, submission.ReceivedAt, cancellationToken);
            if (stored.IsNew) await webhooks.TryEmitAsync(Webhooks.WebhookEvent.Received(target!, stored.LeadId, submission.ReceivedAt), cancellationToken);
            // Indexed now, not only by its week's batch: that batch may have read the week already.
            await leads.IndexPeopleAsync(target!, [EmailHash.Of(form.Lead.Email)], cancellationToken);
            // Read after the write: a batch that claimed the window before it may have read the leads
            // already, so the lead goes to its owner now rather than wait for a batch that has gone.
            var joined = target == submission.WindowId && await ledger.GetAsync(target, cancellationToken) is null;
            var handed = joined ? null : await handover.HandToOwnerAsync(target!, stored.LeadId, cancellationToken);

            var released = submission with { Review = ReviewState.Released, ReleasedLeadId = stored.LeadId, ReviewedAt = now };
            if (await leads.TrySetReviewAsync(released, version, cancellationToken) is null) return null;
            await audit.AuditAsync(new ReviewAction(windowId, submissionId, ReviewAction.Release, submission.Reason, by, now, target, stored.LeadId), cancellationToken);
            LogReleased(logger, submissionId, windowId, target!, joined);
            return new ReviewOutcome.Released(target!, stored.LeadId, joined, handed?.Owner.Name, handed?.DueBy, AlreadyDone: false);
        }, cancellationToken);

    public Task<ReviewOutcome> ConfirmSpamAsync(string windowId, string submissionId, string by, CancellationToken cancellationToken) =>
        OnSubmissionAsync(windowId, submissionId, async (submission, version) =>
        {
            switch (submission.Review)
            {
                case ReviewState.ConfirmedSpam:
                    await audit.AuditAsync(new ReviewAction(windowId, submissionId, ReviewAction.ConfirmSpam, submission.Reason, by, submission.ReviewedAt ?? time.GetUtcNow()), cancellationToken);
                    return new ReviewOutcome.ConfirmedSpam(AlreadyDone: true);
                case ReviewState.Releasing or ReviewState.Released:
                    return new ReviewOutcome.Refused("RefusedReleased");
            }
            var now = time.GetUtcNow();
            if (await leads.TrySetReviewAsync(submission with { Review = ReviewState.ConfirmedSpam, ReviewedAt = now }, version, cancellationToken) is null) return null;
            await audit.AuditAsync(new ReviewAction(windowId, submissionId, ReviewAction.ConfirmSpam, submission.Reason, by, now), cancellationToken);
            LogConfirmedSpam(logger, submissionId, windowId);
            return new ReviewOutcome.ConfirmedSpam(AlreadyDone: false);
        }, cancellationToken);

    /// <summary>
    /// Reads the submission and runs one review step on it, again from a fresh read when the step
    /// answers null: another reviewer changed the row first. Gives up after a few rounds.
    /// </summary>
    private async Task<ReviewOutcome> OnSubmissionAsync(string windowId, string submissionId, Func<FlaggedSubmission, string, Task<ReviewOutcome?>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await leads.GetFlaggedAsync(windowId, submissionId, cancellationToken) is not var (submission, version))
                return new ReviewOutcome.NotFound();
            if (await step(submission, version) is { } outcome) return outcome;
        }
        throw new StorageUnavailableException("review", 412, "TooManyConflicts", new InvalidOperationException("Gave up after repeated review conflicts."));
    }

    /// <summary>
    /// The submission's own window while its batch can still carry it (the open week, or the week
    /// whose batch is due and has not started); any other week goes to the open week instead.
    /// </summary>
    private async Task<string> ChooseWindowAsync(string windowId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = calendar.WindowContaining(now);
        var due = calendar.LatestClosedWindow(now);
        if (windowId == open.Id) return windowId;
        if (windowId == due.Id && await ledger.GetAsync(windowId, cancellationToken) is null) return windowId;
        return open.Id;
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "SubmissionReleased", Message = "Flagged submission {SubmissionId} of {WindowId} released into {LeadWindowId} (joined its batch: {JoinedBatch})")]
    private static partial void LogReleased(ILogger logger, string submissionId, string windowId, string leadWindowId, bool joinedBatch);

    [LoggerMessage(Level = LogLevel.Information, EventName = "SubmissionConfirmedSpam", Message = "Flagged submission {SubmissionId} of {WindowId} confirmed as spam")]
    private static partial void LogConfirmedSpam(ILogger logger, string submissionId, string windowId);
}
