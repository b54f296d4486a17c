using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
using LeadHandoff.Email;
using LeadHandoff.Tables;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadHandoff.Tests.Faults;

/// <summary>
/// A Jepsen-style history check: a week of submissions through the real intake function under
/// injected storage faults, then as many batch heartbeats as it takes, with a crash at one point
/// of the run and faults on the SendGrid side. Every acknowledged submission is recorded, and the
/// history is then checked against what the owners' inboxes and the tables hold.
/// Seeds: <c>LEADHANDOFF_FAULT_SEEDS</c> (default 20), 300 submissions each.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Faults")]
public sealed class HistoryCheckTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Submissions = 300;
    private const double StorageFaultRate = 0.03;

    public enum CrashPoint { AfterBatchClaim, AfterMessageClaim, BeforeHandingOver, AfterAccepted, BeforeSettling }

    public static TheoryData<int> Seeds()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("LEADHANDOFF_FAULT_SEEDS"), out var n) && n > 0 ? n : 20;
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= count; seed++) data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_acknowledged_lead_reaches_exactly_one_owner_under_faults_and_crashes(int seed)
    {
        var crash = (CrashPoint)(seed % 5);
        var faults = new StorageFaults(seed, StorageFaultRate, Environment.GetEnvironmentVariable("LEADHANDOFF_FAULT_KINDS") is { Length: > 0 } only ? only.Split(',').Select(Enum.Parse<StorageFault>).ToArray() : []);
        var senderCrash = crash switch { CrashPoint.BeforeHandingOver => SenderCrash.BeforeHandingOver, CrashPoint.AfterAccepted => SenderCrash.AfterAccepted, _ => SenderCrash.None };
        await using var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            s["Storage:MaxRetries"] = "3";
            s["Storage:RetryDelayMilliseconds"] = "1";
            s["Email:MaxAttempts"] = "1";
            s["Intake:RateLimitPermits"] = "100000";
            s["Sla:WeeklyTarget"] = "50";
        }, services =>
        {
            services.AddSingleton<HttpPipelinePolicy>(faults);
            services.AddSingleton<IEmailSender>(sp => new CrashingSender(sp.GetRequiredService<SendGridEmailSender>(), senderCrash));
        });
        var random = new Random(seed);

        // The week's submissions: 220 people, so about 80 repeats; one in twenty a bot that fills the honeypot.
        var acknowledged = new ConcurrentBag<(string Email, bool Spam, string Id)>();
        var refused = new ConcurrentBag<string>();
        var plan = Enumerable.Range(0, Submissions).Select(i => (Email: $"person{random.Next(220)}@company{seed}.example", Spam: random.Next(20) == 0, Phone: random.Next(3) == 0)).ToList();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, _) =>
        {
            var fields = LeadRequests.Valid(s.Email, "Person " + s.Email[..s.Email.IndexOf('@')]);
            if (!s.Phone) fields.Remove("phone");
            if (s.Spam) fields["lh_trap"] = "http://spam.example";
            var response = await week.App.PostAsync(LeadRequests.Json(fields, ip: "198.51.100." + random.Next(1, 250)));
            if (response.Status == 201) acknowledged.Add((s.Email, s.Spam, JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetString()!));
            else if (response.Status == 503) refused.Add(s.Email);
            else throw new InvalidOperationException($"intake answered {response.Status}: {response.Body}");
        });

        // SendGrid misbehaves too: a 429, a 500, a hang after accepting and a reset after reading the
        // body, in a seeded order among the run's first requests.
        var replies = new List<SendGridReply> { SendGridReply.TooMany(1), new(500), SendGridReply.Slow(TimeSpan.FromSeconds(3)), SendGridReply.Dropped };
        replies.AddRange(Enumerable.Repeat(SendGridReply.Accepted, 4));
        week.SendGrid.Script(replies.OrderBy(_ => random.Next()).ToArray());
        switch (crash)
        {
            case CrashPoint.AfterBatchClaim: faults.CrashOnce((m, body) => body.Contains("\"OwnerId\"", StringComparison.Ordinal)); break;
            case CrashPoint.AfterMessageClaim: faults.CrashOnce((m, body) => body.Contains("\"Status\":\"Handing\"", StringComparison.Ordinal)); break;
            case CrashPoint.BeforeSettling: faults.CrashOnce((m, body) => body.Contains("\"Status\":\"Sent\"", StringComparison.Ordinal) && body.Contains("ProviderMessageId", StringComparison.Ordinal)); break;
        }

        // Heartbeats every 15 minutes from the cut-off until the batch is finished and every email settled.
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        var heartbeats = 0;
        var crashes = 0;
        for (; heartbeats < 60; heartbeats++)
        {
            try
            {
                await week.RunBatchAsync();
            }
            catch (SimulatedCrash)
            {
                crashes++;
            }
            catch (StorageUnavailableException)
            {
            }
            faults.Enabled = false;
            var batch = await week.App.Get<BatchLedger>().GetAsync("2026-W50", CancellationToken.None);
            var messages = await week.App.Get<MessageLedger>().ListAsync("2026-W50", CancellationToken.None);
            faults.Enabled = true;
            if (batch is { IsFinished: true } && messages.All(m => m.IsSettled)) break;
            week.App.Time.Advance(TimeSpan.FromMinutes(15));
        }
        faults.Enabled = false;

        // What the inboxes hold: each owner email's CSV, by the person's address.
        var deliveries = new Dictionary<string, List<(string Owner, bool MarkedRepeat)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var mail in week.SendGrid.Accepted.Where(m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal)))
        {
            var owner = mail.LedgerId[(mail.LedgerId.IndexOf(".owner-", StringComparison.Ordinal) + 7)..];
            var rows = CsvReader.Parse(Encoding.UTF8.GetString(mail.Attachments.Values.Single()));
            var email = Array.IndexOf(rows[0], "email");
            foreach (var row in rows.Skip(1))
            {
                if (!deliveries.TryGetValue(row[email], out var list)) deliveries[row[email]] = list = [];
                // A later copy must say so at the top: a marked repeat, or one sent to the fallback saying why.
                list.Add((owner, mail.Text.StartsWith("This may repeat", StringComparison.Ordinal) || mail.Text.StartsWith("We could not confirm", StringComparison.Ordinal) || mail.Text.StartsWith("This email could not be delivered", StringComparison.Ordinal)));
            }
        }
        var leads = (await week.App.LeadsAsync()).ToDictionary(l => l.Details.Email, StringComparer.OrdinalIgnoreCase);
        var flagged = await week.App.FlaggedAsync();

        var real = acknowledged.Where(a => !a.Spam).ToList();
        var people = real.Select(a => a.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var lost = people.Where(p => !deliveries.ContainsKey(p)).ToList();
        var split = people.Where(p => deliveries.TryGetValue(p, out var d) && d.Select(x => x.Owner).Distinct().Count() > 1).ToList();
        var unmarkedRepeats = people.Where(p => deliveries.TryGetValue(p, out var d) && d.Skip(1).Any(x => !x.MarkedRepeat)).ToList();
        var miscounted = people.Where(p =>
        {
            var acked = real.Count(a => a.Email == p);
            var count = leads[p].SubmissionCount;
            // A 503 means "not acknowledged", but its write may still have landed: it may count, never more.
            return count < acked || count > acked + refused.Count(r => r == p);
        }).ToList();
        var spam = acknowledged.Where(a => a.Spam).ToList();
        var spamMissing = spam.Where(s => !flagged.Any(f => f.Id == s.Id)).ToList();

        var report = new
        {
            seed,
            crash = crash.ToString(),
            submissions = Submissions,
            acknowledged = acknowledged.Count,
            refused503 = refused.Count,
            people = people.Count,
            delivered = people.Count - lost.Count,
            lost = lost.Count,
            ownerEmailsMarkedAsRepeats = week.SendGrid.Accepted.Count(m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal) && (m.Text.StartsWith("This may repeat", StringComparison.Ordinal) || m.Text.StartsWith("We could not confirm", StringComparison.Ordinal))),
            ownerEmailsRerouted = week.SendGrid.Accepted.Count(m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal) && m.Subject.StartsWith("Undelivered: ", StringComparison.Ordinal)),
            heartbeats = heartbeats + 1,
            crashes,
            storageFaults = faults.Injected.ToDictionary(f => f.Key.ToString(), f => f.Value),
            crashedInStorage = faults.Crashed,
            ledger = (await week.App.Get<MessageLedger>().ListAsync("2026-W50", CancellationToken.None)).Select(m => $"{m.Key}:{m.State}/{m.Sends}").ToList(),
            sendGrid = week.SendGrid.Requests.Select(r => r.LedgerId).ToList(),
        };
        var line = JsonSerializer.Serialize(report);
        output.WriteLine(line);
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "fault-rig"));
        await File.WriteAllTextAsync(Path.Combine(RepositoryRoot.Path, "artifacts", "fault-rig", $"seed-{seed:D3}.json"), line);

        Assert.True(crashes == 1, $"the crash point {crash} was never reached: {line}");
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged people never reached an owner: {line}");
        Assert.True(split.Count == 0, $"{split.Count} people reached more than one owner: {line}");
        Assert.True(unmarkedRepeats.Count == 0, $"{unmarkedRepeats.Count} repeats were not marked as possible repeats: {line}");
        Assert.True(miscounted.Count == 0, $"{miscounted.Count} leads have a submission count that is not their acknowledged submissions: {line}");
        Assert.True(spamMissing.Count == 0, $"{spamMissing.Count} acknowledged spam submissions have no flagged row: {line}");
        Assert.All(flagged, f => Assert.False(string.IsNullOrEmpty(f.Reason)));
        Assert.True(faults.Injected.Values.Sum() > 0, "no fault was injected");
    }
}
