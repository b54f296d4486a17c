using Azure.Data.Tables;
using LeadHandoff.Leads;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Benchmarks;

/// <summary>Writes stored leads straight into an app's table, 100 to a transaction: history for the read benchmarks.</summary>
public static class Seed
{
    public static LeadDetails Details(int i) => new(
        $"Person {i}", $"person{i}@company{i % 997}.example", $"Company {i % 997}", "Head of Operations", "+44 20 7946 0000",
        "We would like a demo of the product and pricing for our team.", new Segment(i % 3 == 0 ? "Manufacturing" : "Software", i % 2 == 0 ? "11-50" : "51-200"),
        new MarketingSource(i % 4 == 0 ? "webinar" : "pricing-guide", "newsletter", "email", "spring"), new Consent(true, "2026-09"));

    public static async Task LeadsAsync(TestApp app, string week, int count, DateTimeOffset receivedAt, bool decided, bool assigned = true)
    {
        var table = await app.Get<LeadTables>().GetAsync(LeadTables.Leads, CancellationToken.None);
        var entities = Enumerable.Range(0, count).Select(i =>
        {
            var entity = LeadEntity.Create(week, $"{week}-{i:D6}", Details(i), receivedAt);
            if (assigned) entity.OwnerId = $"rep-{i % 20}";
            if (decided)
            {
                entity.Decision = (i % 5) switch { 0 or 1 => "Accepted", 2 => "Nurture", _ => "Rejected" };
                entity.RejectReason = entity.Decision == "Rejected" ? (i % 2 == 0 ? "too-small" : "no-budget") : "";
                entity.DecidedAt = entity.FirstDecidedAt = receivedAt.AddDays(3);
                entity.DecisionSeconds = entity.FirstDecisionSeconds = 3600 * (1 + i % 48);
                entity.DecidedOnTime = entity.FirstDecidedOnTime = i % 7 != 0;
                entity.DecidedBy = entity.OwnerId;
                entity.DecisionRevision = 1;
            }
            return entity;
        });
        foreach (var chunk in entities.Chunk(100))
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
    }
}
