using System.Globalization;
using System.Text.Json;

namespace LeadHandoff.Benchmarks;

/// <summary>Storage requests a lead causes at each stage, and what each heartbeat costs, as measured.</summary>
public sealed record LeadLife(
    double Intake, double Batch, double Prefetch, double Open, double Decision, double AfterDecision,
    double Reminder, long ScorecardEmail, long IdleBatchBeat, long DeadlineBeat, long PurgeBeat)
{
    public double PageViews => Prefetch + Open + Decision + AfterDecision;
}

/// <summary>
/// A month of the product at a given volume, from the measured counts and the list prices in
/// bench/prices.json. Every assumption that is not a measurement is a named constant here.
/// </summary>
public static class CostModel
{
    public const double WeeksPerMonth = 365.25 / 12 / 7;
    private const double DaysPerMonth = 365.25 / 12;

    /// <summary>Assumed: the share of leads still undecided at the deadline, so reminded once.</summary>
    public const double UndecidedShare = 0.3;

    /// <summary>Assumed: HTTP executions per lead: the form post and four qualify-page requests (prefetch, open, decide, after).</summary>
    public const int HttpExecutionsPerLead = 5;

    /// <summary>Assumed, generously: wall time of one timer run with nothing to send (measured medians are about 10 ms on Azurite).</summary>
    public const double HeartbeatSeconds = 0.05;

    public static readonly (int LeadsPerWeek, int Reps)[] Volumes = [(50, 3), (1_000, 10), (10_000, 20)];

    public sealed record Month(int LeadsPerWeek, int Reps, double RequestsPerLead, double HeartbeatsPerLead, double Transactions, double TableCost,
        double Executions, double GbSeconds, double FlexCost, double Emails, string SendGridPlan, double SendGridCost, double CrmCost)
    {
        public double Total => TableCost + FlexCost + SendGridCost;
    }

    public static IEnumerable<Month> Months(LeadLife life, JsonElement prices, double batchRequestsPerLeadAtScale, double batchSecondsFor10k, double httpSeconds)
    {
        double P(string name, string field = "value") => prices.GetProperty(name).GetProperty(field).GetDouble();
        var timerRunsPerTimer = 4 * 24 * DaysPerMonth; // every 15 minutes
        var heartbeatRequests = timerRunsPerTimer * (life.IdleBatchBeat + life.DeadlineBeat) + DaysPerMonth * life.PurgeBeat;
        var heartbeatRuns = 2 * timerRunsPerTimer + DaysPerMonth;
        foreach (var (perWeek, reps) in Volumes)
        {
            var leadsPerMonth = perWeek * WeeksPerMonth;
            // Each week's scorecard email reads twelve week partitions, one page per 1,000 leads.
            var scorecardPerWeek = life.ScorecardEmail + 12 * (Math.Ceiling(perWeek / 1000.0) - 1);
            var batchPerLead = perWeek >= 1000 ? batchRequestsPerLeadAtScale : life.Batch;
            var perLead = life.Intake + batchPerLead + life.PageViews + UndecidedShare * life.Reminder + scorecardPerWeek / perWeek;
            var transactions = leadsPerMonth * perLead + heartbeatRequests;
            var tableCost = transactions / 10_000 * P("tableTransactionsPer10k");

            var executions = leadsPerMonth * HttpExecutionsPerLead + heartbeatRuns;
            // Upper bound: every execution billed alone (on-demand bills instance time, which concurrent executions share).
            var batchSeconds = batchSecondsFor10k * perWeek / 10_000;
            var gbSeconds = (leadsPerMonth * HttpExecutionsPerLead * httpSeconds + WeeksPerMonth * batchSeconds + heartbeatRuns * HeartbeatSeconds) * P("instanceMemoryGb");
            var flexCost = Math.Max(0, executions - P("flexExecutionsPerMillion", "freePerMonth")) / 1e6 * P("flexExecutionsPerMillion")
                           + Math.Max(0, gbSeconds - P("flexGbSecond", "freePerMonth")) * P("flexGbSecond");

            // Emails go per owner, not per lead: each owner's batch and reminder, the summary, the scorecard, one escalation.
            var emailsPerWeek = reps + 1 + 1 + reps + 1;
            var emails = emailsPerWeek * WeeksPerMonth;
            var busiestDay = reps + 2; // Monday: every owner's batch, the summary and the scorecard
            var free = busiestDay <= P("sendGrid", "freePerDay");
            var sendGridCost = free ? 0 : P("sendGrid", "essentialsPerMonth");
            yield return new Month(perWeek, reps, perLead, heartbeatRequests / leadsPerMonth, transactions, tableCost, executions, gbSeconds, flexCost,
                emails, free ? "Free (100 a day)" : "Essentials", sendGridCost, reps * P("crmSeatPerMonth"));
        }
    }

    public static string Money(double value) => value < 0.01 && value > 0 ? "< $0.01" : "$" + value.ToString("0.00", CultureInfo.InvariantCulture);
}
