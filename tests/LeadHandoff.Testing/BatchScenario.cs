using LeadHandoff.Batches;
using LeadHandoff.Leads;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tests.Batches;

/// <summary>
/// A week of the agreement on Azurite with a fake SendGrid: three owners, a rule for Manufacturing,
/// a pool of two for the rest. The clock starts on Wednesday 2 December 2026, inside window 2026-W50,
/// whose batch goes out on Monday 7 December at 09:00 London (= UTC in winter).
/// </summary>
public sealed class BatchScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset CutOff = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private BatchScenario(TestApp app, FakeSendGrid sendGrid)
    {
        App = app;
        SendGrid = sendGrid;
    }

    public TestApp App { get; }

    public FakeSendGrid SendGrid { get; }

    public static BatchScenario Create(string connectionString, Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? overrides = null, DateTimeOffset? start = null)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(start ?? new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var sendGrid = new FakeSendGrid(clock);
        var app = TestApp.Create(connectionString, s =>
        {
            s["Email:SendGridApiKey"] = "SG.test-key";
            s["Email:SendGridHost"] = sendGrid.Host.TrimEnd('/');
            s["Email:TimeoutSeconds"] = "2";
            TestSettings.AddOwners(s, TestSettings.Rita, TestSettings.Sam, TestSettings.Maya);
            s["Routing:Rules:0:Sector"] = "Manufacturing";
            s["Routing:Rules:0:Owner"] = "rep-3";
            s["Routing:Pool:0"] = "rep-1";
            s["Routing:Pool:1"] = "rep-2";
            s["Sla:WeeklyTarget"] = "5";
            s["Scorecard:SendWithBatch"] = "false"; // the scorecard email has tests of its own
            configure?.Invoke(s);
        }, overrides: overrides, clock: clock);
        return new BatchScenario(app, sendGrid);
    }

    public Task<StoredLead> AddLeadAsync(string email, string company, string sector = "Software", string size = "11-50", DateTimeOffset? at = null)
    {
        var details = new LeadDetails("Person " + company, email, company, "Buyer", null, "Hello", new Segment(sector, size), new MarketingSource("pricing-guide", "newsletter", null, "spring"), new Consent(true, "v1"));
        var when = at ?? App.Time.GetUtcNow();
        var window = App.Get<LeadHandoff.Weeks.SlaCalendar>().WindowContaining(when);
        return App.Get<LeadStore>().SaveAsync(window.Id, Guid.CreateVersion7(when).ToString("N"), details, when, CancellationToken.None);
    }

    public Task<BatchRunResult> RunBatchAsync() => App.Get<WeeklyBatchService>().RunAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await SendGrid.DisposeAsync();
    }
}
