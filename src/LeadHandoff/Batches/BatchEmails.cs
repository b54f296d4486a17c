using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Scorecards;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Batches;

/// <summary>
/// The batch's deliver step: each owner's email, then the summary and the scorecard to the manager
/// and marketing, each through the send-once ledger under the window's id (so a rerun after a crash
/// sends only what is not settled), and what the ledger says of them.
/// </summary>
public sealed class BatchEmails(
    EmailDelivery delivery,
    MessageLedger messages,
    LeadRouter router,
    LinkBuilder links,
    SlaCalendar calendar,
    ScorecardService scorecards,
    Agreement.AgreementService agreement,
    IOptions<ScorecardOptions> scorecard,
    IOptions<QualificationOptions> qualification,
    IOptions<EmailOptions> email)
{
    public const string SummaryKey = "summary";
    public const string ScorecardKey = "scorecard";

    public static string OwnerKey(string ownerId) => "owner-" + ownerId;

    public async Task SendOwnersAsync(string runId, BatchWindow window, PreparedBatch batch, bool late, CancellationToken cancellationToken)
    {
        foreach (var (owner, ownerLeads) in batch.ByOwner)
        {
            var batchUrl = links.Batch(window.Id, owner.Id);
            await delivery.SendAsync(runId, window.Id, OwnerKey(owner.Id),
                id => Task.FromResult<EmailMessage?>(OwnerBatchEmail.Compose(id, window, owner, ownerLeads, batchUrl, calendar.TimeZone, late)), cancellationToken);
        }
    }

    /// <summary>Every email of the window the ledger holds, by key.</summary>
    public async Task<Dictionary<string, MessageRecord>> StatesAsync(BatchWindow window, CancellationToken cancellationToken) =>
        (await messages.ListAsync(window.Id, cancellationToken)).ToDictionary(m => m.Key);

    /// <summary>The summary to the manager and marketing, and with it (when configured) the scorecard of the batch before this one, whose deadline week has just closed.</summary>
    public async Task SendSummaryAsync(string runId, BatchWindow window, BatchSummary summary, CancellationToken cancellationToken)
    {
        var recipients = new[] { email.Value.SalesManagerEmail, email.Value.MarketingLeadEmail };
        await delivery.SendAsync(runId, window.Id, SummaryKey,
            async id => BatchSummaryEmail.Compose(id, summary with { Agenda = await AgendaAsync(window, cancellationToken) }, recipients, calendar.TimeZone, router.LanguageOf(recipients)), cancellationToken);
        if (!scorecard.Value.SendWithBatch) return;
        var closed = calendar.WindowOf(window.WeekStart.AddDays(-7));
        await delivery.SendAsync(runId, window.Id, ScorecardKey, async id =>
            ScorecardEmail.Compose(id, await scorecards.BuildAsync(closed, scorecard.Value.TrailingWeeks, cancellationToken), recipients, router.LanguageOf(recipients), await ReasonWordsAsync(cancellationToken), links.Agreement()), cancellationToken);
    }

    /// <summary>Every reject reason any version of the agreement has offered, in its newest words: a week's reasons are named even after a later version dropped one.</summary>
    private async Task<QualificationOptions> ReasonWordsAsync(CancellationToken cancellationToken)
    {
        var state = await agreement.CurrentAsync(cancellationToken);
        var reasons = state.Versions.Reverse().SelectMany(v => v.Terms.Reasons).DistinctBy(r => r.Id)
            .Select(r => new RejectReasonOptions { Id = r.Id, Label = r.Label, ThaiLabel = r.ThaiLabel });
        return new QualificationOptions { RejectReasons = [.. reasons, .. qualification.Value.EffectiveReasons.Where(r => state.Versions.All(v => v.Terms.Reasons.All(x => x.Id != r.Id)))] };
    }

    /// <summary>The weekly meeting's agenda as of this batch (see <see cref="MeetingAgenda"/>).</summary>
    public async Task<MeetingAgenda> AgendaAsync(BatchWindow window, CancellationToken cancellationToken)
    {
        const int weeks = 8;
        var state = await agreement.CurrentAsync(cancellationToken);
        var lastWeek = calendar.WindowOf(window.WeekStart.AddDays(-7));
        var card = await scorecards.BuildAsync(lastWeek, weeks, cancellationToken);
        var starting = state.Versions.LastOrDefault(v => v.EffectiveFrom == window.WeekStart && v.Number > 1);
        var before = starting is null ? null : state.Versions.Last(v => v.Number < starting.Number);
        // Offers with a handful of leads say little: the extremes are drawn from those with at least 3.
        var offers = card.Feedback.ByOffer.Where(o => o.Metrics.Delivered >= 3 && o.Metrics.Conversion is not null).OrderByDescending(o => o.Metrics.Conversion).ThenBy(o => o.Value, StringComparer.Ordinal).ToList();
        return new MeetingAgenda(
            card.Weeks.LastOrDefault(w => w.Week == lastWeek.Id),
            starting?.Number,
            starting is null ? [] : before!.Terms.Changes(starting.Terms),
            state.Open,
            state.Open is null ? [] : state.Latest.Terms.Changes(state.Open.Terms),
            offers.FirstOrDefault(),
            offers.Count > 1 ? offers[^1] : null,
            weeks,
            links.Agreement());
    }
}
