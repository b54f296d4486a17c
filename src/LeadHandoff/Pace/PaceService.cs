using System.Text;
using LeadHandoff.Email;
using LeadHandoff.Html;
using LeadHandoff.Links;
using LeadHandoff.Scorecards;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Pace;

public enum PaceCheck
{
    Off,
    NotDue,
    OnPace,
    /// <summary>Behind, and the email's state is settled in the ledger (sent now or before).</summary>
    Warned,
    /// <summary>Behind, and the email is not settled yet: the next run takes it up.</summary>
    Waiting,
}

/// <summary>
/// Mid-week, marketing hears when the open batch week is behind pace: on the pace day, from the
/// pace time (business time zone), a run that finds fewer counted leads than are due by now sends
/// one "behind pace" email to the marketing lead and the roster's marketing members. The send-once
/// ledger keys it by the week, so hourly runs, retries and a crash send it once.
/// </summary>
public sealed partial class PaceService(
    ScorecardService scorecards,
    EmailDelivery delivery,
    TeamRoster roster,
    LeadRouter router,
    LinkBuilder links,
    SlaCalendar calendar,
    IOptions<PaceOptions> options,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<PaceService> logger)
{
    public const string Key = "behind-pace";

    public async Task<PaceCheck> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return PaceCheck.Off;
        var now = time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, calendar.TimeZone);
        if (local.DayOfWeek != settings.Day || TimeOnly.FromDateTime(local.DateTime) < settings.Time) return PaceCheck.NotDue;
        var progress = await scorecards.ProgressAsync(cancellationToken);
        if (!progress.Behind) return PaceCheck.OnPace;
        var window = calendar.WindowOf(progress.Week)!;
        var team = await roster.RefreshAsync(cancellationToken);
        var to = new[] { email.Value.MarketingLeadEmail }.Concat(team.Members.Where(m => m.Active && m.Role == TeamRole.Marketing).Select(m => m.Email))
            .Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var text = PaceEmailText.For(router.LanguageOf(to));
        var state = await delivery.SendAsync(Guid.NewGuid().ToString("N"), progress.Week, Key,
            id => Task.FromResult<EmailMessage?>(Email(id, to, progress, text.Local(window.ClosesAt, calendar.TimeZone), links.Agreement(), text)), cancellationToken);
        LogBehind(logger, progress.Week, progress.Counted, progress.DueByNow, state?.ToString() ?? "settled earlier");
        return state is null || state.Value.IsDelivered() || state == MessageState.Failed ? PaceCheck.Warned : PaceCheck.Waiting;
    }

    public static EmailMessage Email(string messageId, IReadOnlyList<string> to, WeekProgress progress, string batchAt, string agreementUrl, PaceEmailText text)
    {
        var plain = new StringBuilder($"{text["Progress", progress.Week, progress.Counted, progress.Target, progress.DueByNow, batchAt]}\r\n");
        if (progress.OutOfDefinition > 0) plain.Append($"\r\n{text["Outside", progress.OutOfDefinition]}\r\n");
        if (progress.BySegment.Count > 0)
        {
            plain.Append($"\r\n{text["BySegment"]}\r\n");
            foreach (var ((sector, size), n) in progress.BySegment.OrderByDescending(s => s.Value).ThenBy(s => s.Key.Sector, StringComparer.OrdinalIgnoreCase))
                plain.Append($"  {sector}, {size}: {n}\r\n");
        }
        else plain.Append($"\r\n{text["None"]}\r\n");
        plain.Append($"\r\n{text["Open"]}: {agreementUrl}\r\n\r\n{text["Why"]}\r\n");
        var html = HtmlTemplates.Render<BehindPace, BehindPace.Data>(new(text, progress, batchAt, agreementUrl));
        return new EmailMessage(messageId, to, [], text["Subject", progress.Counted, progress.Target, progress.Week], html, plain.ToString(), language: text.Language);
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "BehindPace", Message = "Week {Week} is behind pace ({Counted} counted, {Due} due by now); the email: {State}")]
    private static partial void LogBehind(ILogger logger, string week, int counted, int due, string state);
}
