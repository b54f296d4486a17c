using LeadHandoff.Functions.Scorecards;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using LeadHandoff.Weeks;

namespace LeadHandoff.Tests.Batches;

/// <summary>
/// Batch 2026-W50 with three leads (one hostile offer name), one accepted on time, one rejected,
/// one decided late: the scorecard's data set for the function and browser tests.
/// </summary>
public static class ScorecardScenario
{
    /// <param name="overrides">Runs after the app's own registrations: for fault injection only.</param>
    public static async Task<BatchScenario> DecidedWeekAsync(string connectionString, Action<Dictionary<string, string?>>? configure = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? overrides = null)
    {
        var week = BatchScenario.Create(connectionString, s => { s["Routing:Pool:1"] = "rep-1"; configure?.Invoke(s); }, overrides);
        var start = week.App.Time.GetUtcNow();
        var a = await week.AddLeadAsync("a@alpha.example", "Alpha", at: start);
        var b = await week.AddLeadAsync("b@beta.example", "Beta", at: start.AddMinutes(1));
        var c = await week.AddLeadAsync("c@gamma.example", "Gamma", at: start.AddMinutes(2));
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        var window = week.App.Get<SlaCalendar>().WindowOf("2026-W50")!;
        var qualification = week.App.Get<QualificationService>();
        week.App.Time.Advance(TimeSpan.FromHours(4));
        await qualification.DecideAsync(window, a.LeadId, "rep-1", new DecisionRequest(Decision.Accepted, null, null), CancellationToken.None);
        await qualification.DecideAsync(window, b.LeadId, "rep-1", new DecisionRequest(Decision.Rejected, "no-budget", null), CancellationToken.None);
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero)); // a day after the deadline
        await qualification.DecideAsync(window, c.LeadId, "rep-1", new DecisionRequest(Decision.Nurture, null, null), CancellationToken.None);
        return week;
    }

    /// <summary>GET /api/scorecard through the function, with an optional Accept header.</summary>
    public static Task<TestResponse> GetScorecardAsync(this BatchScenario week, string query, string? accept = null)
    {
        var request = new TestRequest("GET", null, []) { Target = "/api/scorecard" + query };
        if (accept is not null) request.Headers["Accept"] = accept;
        return week.App.SendAsync(request, http => week.App.Function<GetScorecard>().Run(http, CancellationToken.None));
    }
}
