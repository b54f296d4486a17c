namespace LeadHandoff.Testing;

/// <summary>The settings every test app starts from: valid, on Azurite, each with tables of its own.</summary>
public static class TestSettings
{
    /// <summary>Every timer the app has, by the setting that schedules it: one list, so a new timer is off in every host test.</summary>
    public static readonly IReadOnlyList<string> Schedules = ["BatchSchedule", "DeadlineSchedule", "PurgeSchedule", "HotLaneSchedule", "WebhookSchedule", "WebhookReconcileSchedule", "WithdrawalSchedule", "PaceSchedule"];

    /// <summary>
    /// Timers that never fire by themselves under the host (1 January, midnight), but those in
    /// <paramref name="running"/>: the test runs the others through the admin API, or not at all.
    /// </summary>
    public static void TimersOff(Dictionary<string, string?> settings, params string[] running)
    {
        foreach (var schedule in Schedules.Except(running)) settings[schedule] = "0 0 0 1 1 *";
    }

    /// <summary>Email through the real SendGrid client to the local fake.</summary>
    public static void UseSendGrid(Dictionary<string, string?> settings, FakeSendGrid sendGrid)
    {
        settings["Email:SendGridApiKey"] = "SG.end-to-end";
        settings["Email:SendGridHost"] = sendGrid.Host.TrimEnd('/');
    }

    public static Dictionary<string, string?> For(string connectionString) => new()
    {
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N"),
        ["Storage:MaxRetries"] = "1",
        ["Intake:Sectors:0"] = "Software",
        ["Intake:Sectors:1"] = "Manufacturing",
        ["Intake:Sectors:2"] = "Retail",
        ["Intake:SizeBands:0"] = "1-10",
        ["Intake:SizeBands:1"] = "11-50",
        ["Intake:SizeBands:2"] = "51-200",
        ["Intake:SizeBands:3"] = "201-1000",
        ["Intake:SizeBands:4"] = "1001+",
        ["Intake:ThankYouUrl"] = "https://www.example.com/thanks",
        ["Intake:AllowedRedirectOrigins:0"] = "https://www.example.com",
        ["Intake:RateLimitPermits"] = "1000",
        ["BatchSchedule"] = "0 */15 * * * *",
        ["DeadlineSchedule"] = "0 */15 * * * *",
        ["PurgeSchedule"] = "0 30 2 * * *",
        ["HotLaneSchedule"] = "0 * * * * *",
        ["WithdrawalSchedule"] = "15 * * * * *",
        ["PaceSchedule"] = "0 5 * * * *",
        // The tests' webhook receivers listen on this machine over plain http.
        ["Webhooks:AllowLocalReceivers"] = "true",
        ["WebhookSchedule"] = "30 * * * * *",
        ["WebhookReconcileSchedule"] = "0 7,22,37,52 * * * *",
        ["Links:BaseUrl"] = "https://leadhandoff.example.net",
        ["Links:CurrentKeyId"] = "k1",
        ["Links:SigningKeys:0:Id"] = "k1",
        ["Links:SigningKeys:0:Secret"] = TestKeys.Key1,
        ["Email:FromAddress"] = "leads@example.com",
        ["Email:SalesManagerEmail"] = "manager@example.com",
        ["Email:MarketingLeadEmail"] = "marketing@example.com",
        ["Email:OutboxPath"] = Path.Combine(Path.GetTempPath(), "leadhandoff-outbox-" + Guid.NewGuid().ToString("N")),
        ["Routing:SalesInboxEmail"] = "sales@example.com",
    };

    public static readonly (string Id, string Name, string Email) Rita = ("rep-1", "Rita Rep", "rita@example.com");
    public static readonly (string Id, string Name, string Email) Sam = ("rep-2", "Sam Seller", "sam@example.com");
    public static readonly (string Id, string Name, string Email) Maya = ("rep-3", "Maya Maker", "maya@example.com");

    /// <summary>Adds the scenarios' reps as Routing:Owners, in the order given; rules and pool are the caller's.</summary>
    public static void AddOwners(Dictionary<string, string?> settings, params (string Id, string Name, string Email)[] owners)
    {
        for (var i = 0; i < owners.Length; i++)
        {
            settings[$"Routing:Owners:{i}:Id"] = owners[i].Id;
            settings[$"Routing:Owners:{i}:Name"] = owners[i].Name;
            settings[$"Routing:Owners:{i}:Email"] = owners[i].Email;
        }
    }

    /// <summary>A connection string to a loopback port nothing listens on: storage that is down.</summary>
    public static string UnreachableStorage() =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
}
