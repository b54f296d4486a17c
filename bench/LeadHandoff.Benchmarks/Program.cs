using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LeadHandoff.Batches;
using LeadHandoff.Benchmarks;
using LeadHandoff.Deadlines;
using LeadHandoff.Email;
using LeadHandoff.Functions.Intake;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Leads;
using LeadHandoff.Links;
using LeadHandoff.Scorecards;
using LeadHandoff.Tables;
using LeadHandoff.Testing;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;
using LeadHandoff.Weeks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// One command, every figure, written to bench/results.md with the goal beside each.
var leads = args.Length > 1 && args[0] == "--leads" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
// --only batch | hot | withdraw | attacks: just the real Monday batch, the hot lane, or the withdrawal form's
// answer time (results.md is not written then).
var onlyBatch = args.Contains("--only") && args.Contains("batch");
var onlyHot = args.Contains("--only") && args.Contains("hot");
var onlyWithdraw = args.Contains("--only") && args.Contains("withdraw");
// --only attacks: issue #28's attacks against the real host, each with the figure seen (printed as Markdown).
if (args.Contains("--only") && args.Contains("attacks"))
{
    await Attacks.RunAsync();
    return;
}
var results = new List<(string Name, string Figure, string Goal, bool? Met)>();
var notes = new List<string>();
void Report(string name, string figure, string goal, bool? met)
{
    results.Add((name, figure, goal, met));
    Console.WriteLine($"{name}: {figure} (goal {goal}{(met is null ? "" : met.Value ? ", met" : ", not met")})");
}
string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

LeadLife? life = null;
double? hostIntakeP50Ms = null, batchSeconds = null, batchRequestsPerLead = null;

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    // The real Monday batch first, so the process's peak memory is the batch's own: 10,000 stored
    // leads of one window on Azurite, routed over a pool of 20 owners by the batch service itself
    // (partition read, owner assignment, seen-before lookups, ledger, emails to the fake SendGrid).
    // The withdrawal form must not tell who is a lead by how fast it answers: 200 requests, held and
    // unknown addresses interleaved, through the real function class on Azurite.
    if (!onlyHot && !onlyBatch)
    {
        await using var app = TestApp.Create(azurite.ConnectionString, s => s["Intake:RateLimitPermits"] = "1000000");
        // A hundred people we hold, each asked for once, against a hundred we do not: both sides
        // write a new row, so what differs is only what the app does with the address.
        for (var i = 0; i < 100; i++)
        {
            var submitted = await app.SendAsync(LeadRequests.Json(LeadRequests.Valid($"held{i}@buyer.example", $"Held Person {i}"), ip: $"198.51.100.{i}"), http => app.Function<SubmitLead>().Run(http, CancellationToken.None));
            if (submitted.Status != 201) throw new InvalidOperationException($"intake answered {submitted.Status}");
        }
        var withdraw = app.Function<LeadHandoff.Functions.Privacy.WithdrawConsent>();
        async Task<double> AskAsync(string email)
        {
            var request = LeadRequests.UrlEncoded(new Dictionary<string, string> { ["email"] = email }) with { Target = "/api/privacy/withdraw" };
            var clock = Stopwatch.StartNew();
            var response = await app.SendAsync(request, http => withdraw.Run(http, CancellationToken.None));
            var ms = clock.Elapsed.TotalMilliseconds;
            if (response.Status != 200) throw new InvalidOperationException($"withdrawal answered {response.Status}");
            return ms;
        }
        for (var i = 0; i < 20; i++) await AskAsync($"warm-up{i}@nowhere.example"); // not counted
        var held = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            held.Add(await AskAsync($"held{i}@buyer.example"));
            unknown.Add(await AskAsync($"unknown{i}@nowhere.example"));
        }
        var gap = Math.Abs(Stats.Median(held.ToArray()) - Stats.Median(unknown.ToArray()));
        Report("Withdrawal form's answer, 100 held addresses", Stats.Spread(held, "ms"), "", null);
        Report("Withdrawal form's answer, 100 unknown addresses (interleaved)", Stats.Spread(unknown, "ms"), "", null);
        Report("Withdrawal form: gap between the two medians", $"{F(gap, "0.00")} ms", "< 1 ms", gap < 1);
    }
    if (onlyWithdraw) return;

    if (!onlyHot)
    {
        await using var sendGrid = new FakeSendGrid(TimeProvider.System);
        var counter = new RequestCounter();
        await using var app = TestApp.Create(azurite.ConnectionString, s =>
        {
            s["Email:SendGridApiKey"] = "SG.bench";
            s["Email:SendGridHost"] = sendGrid.Host.TrimEnd('/');
            s["Scorecard:SendWithBatch"] = "false";
            for (var o = 0; o < 20; o++)
            {
                s[$"Routing:Owners:{o}:Id"] = $"rep-{o}";
                s[$"Routing:Owners:{o}:Name"] = $"Rep {o}";
                s[$"Routing:Owners:{o}:Email"] = $"rep{o}@example.com";
                s[$"Routing:Pool:{o}"] = $"rep-{o}";
            }
        }, overrides: services => services.AddSingleton<HttpPipelinePolicy>(counter));
        await Seed.LeadsAsync(app, "2026-W50", 10_000, new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), decided: false, assigned: false);
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 9, 1, 0, TimeSpan.Zero));
        // The batch's own memory: seeding's garbage collected and compacted first, then the working
        // set sampled while the batch runs (the process's lifetime peak would count the seeding).
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peakBytes = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                peakBytes = Math.Max(peakBytes, self.WorkingSet64);
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        BatchRunResult? run = null;
        var requests = await counter.DuringAsync(async () => run = await app.Get<WeeklyBatchService>().RunAsync(CancellationToken.None));
        watch.Stop();
        sampling.Cancel();
        await sampler;
        if (run!.Outcome != BatchRunOutcome.Sent || run.Leads != 10_000 || sendGrid.Accepted.Count(m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal)) != 20)
            throw new InvalidOperationException($"the batch did not go out whole: {run}");
        var peakMb = peakBytes / 1024.0 / 1024.0;
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / 1024.0;
        (batchSeconds, batchRequestsPerLead) = (watch.Elapsed.TotalSeconds, requests / 10_000.0);
        Report("Real Monday batch: 10,000 leads to 20 owners on Azurite, time", $"{F(watch.Elapsed.TotalSeconds, "0.00")} s", "< 30 s", watch.Elapsed.TotalSeconds < 30);
        Report("Real Monday batch: peak working set while it runs (sampled every 20 ms)", $"{F(peakMb, "0")} MB ({F(allocatedMb, "0")} MB allocated during the run)", "< 300 MB", peakMb < 300);
        Report("Real Monday batch: Table Storage requests per lead", $"{F((double)requests / 10_000, "0.000")} ({requests} requests)", "≤ 1.2", requests / 10_000.0 <= 1.2);
    }

    if (onlyBatch) return;

    // The hot lane: 100 demo requests through the form function, one at a time, each timed from the
    // moment it is posted to the moment the fake SendGrid has the owner's email (real clocks both).
    {
        await using var sendGrid = new FakeSendGrid(TimeProvider.System);
        await using var app = TestApp.Create(azurite.ConnectionString, s =>
        {
            s["Intake:RateLimitPermits"] = "1000000";
            s["HotLane:Offers:0"] = "demo-request";
            s["Email:SendGridApiKey"] = "SG.bench";
            s["Email:SendGridHost"] = sendGrid.Host.TrimEnd('/');
            TestSettings.AddOwners(s, TestSettings.Rita, TestSettings.Sam, TestSettings.Maya);
            s["Routing:Pool:0"] = "rep-1";
            s["Routing:Pool:1"] = "rep-2";
            s["Routing:Pool:2"] = "rep-3";
        });
        await app.Get<LeadTables>().GetAsync(LeadTables.Leads, CancellationToken.None);
        var submit = app.Function<SubmitLead>();
        var toEmail = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var fields = LeadRequests.Valid($"hot{i}@buyer{i}.example", $"Hot Buyer {i}");
            fields["offer"] = "demo-request";
            fields["company"] = $"Hot Company {i}";
            var posted = DateTimeOffset.UtcNow;
            var response = await app.SendAsync(LeadRequests.Json(fields, ip: $"198.51.100.{i}"), http => submit.Run(http, CancellationToken.None));
            if (response.Status != 201) throw new InvalidOperationException($"intake answered {response.Status}");
            var mail = sendGrid.Accepted.Single(m => m.Subject.StartsWith($"Hot lead: Hot Company {i} ", StringComparison.Ordinal));
            toEmail.Add((mail.ReceivedAt - posted).TotalMilliseconds);
        }
        var p99 = Stats.Percentile(toEmail.ToArray(), 99);
        Report("Hot lane: demo request posted to the owner's email at SendGrid, 100 leads one at a time", $"p50 {F(Stats.Median(toEmail.ToArray()), "0")} ms, p99 {F(p99, "0")} ms, max {F(toEmail.Max(), "0")} ms", "< 60 s", p99 < 60_000);
    }
    if (onlyHot) return;

    // 1. Intake against the floor: the same Azurite, the same concurrency, entities of the same size.
    {
        var intakeRequests = new RequestCounter();
        await using var app = TestApp.Create(azurite.ConnectionString, s => s["Intake:RateLimitPermits"] = "1000000", overrides: services => services.AddSingleton<HttpPipelinePolicy>(intakeRequests));
        await app.Get<LeadTables>().GetAsync(LeadTables.Leads, CancellationToken.None);
        var requestsBefore = intakeRequests.Count;
        var submit = app.Function<SubmitLead>();
        var bodies = Enumerable.Range(0, leads).Select(i =>
        {
            var person = i % 20 < 2 && i > 20 ? i - 17 : i; // ~10% repeat an earlier address
            var fields = LeadRequests.Valid($"person{person}@company{person % 997}.example", $"Person {person}");
            if (i % 20 == 19) fields["lh_trap"] = "http://spam.example"; // ~5% spam
            return LeadRequests.Json(fields, ip: $"198.51.{i % 250}.{i % 200}");
        }).ToList();
        var intakeLatency = new double[leads];
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, leads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var one = Stopwatch.StartNew();
            var response = await app.SendAsync(bodies[i], http => submit.Run(http, CancellationToken.None));
            intakeLatency[i] = one.Elapsed.TotalMilliseconds;
            if (response.Status != 201) throw new InvalidOperationException($"intake answered {response.Status}: {response.Body}");
        });
        var intakeSeconds = watch.Elapsed.TotalSeconds;
        notes.Add($"Intake made {F((double)(intakeRequests.Count - requestsBefore) / leads, "0.00")} Table Storage requests per submission over the mix (a new lead: the entity-group transaction; a repeat: that, the index and lead reads and the conditional replace; spam: the flagged row).");

        // Round trips on the request path for a new lead, one lead at a time so each count is its own.
        var perLead = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var one = LeadRequests.Json(LeadRequests.Valid($"roundtrip{i}@new{i}.example"), ip: $"203.0.113.{i % 250}");
            perLead.Add(await intakeRequests.DuringAsync(async () =>
            {
                var response = await app.SendAsync(one, http => submit.Run(http, CancellationToken.None));
                if (response.Status != 201) throw new InvalidOperationException($"intake answered {response.Status}");
            }));
        }
        Report("Storage round trips on the request path per new lead (200 new leads, one at a time)", $"{F(perLead.Average(), "0.00")} (min {perLead.Min()}, max {perLead.Max()})", "1", perLead.Max() == 1);
        var bareTable = new TableServiceClient(azurite.ConnectionString).GetTableClient("bare" + Guid.NewGuid().ToString("N")[..12]);
        await bareTable.CreateIfNotExistsAsync();
        var bareLatency = new double[leads];
        watch.Restart();
        await Parallel.ForAsync(0, leads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var one = Stopwatch.StartNew();
            await bareTable.AddEntityAsync(LeadEntity.Create("2026-W50", Guid.NewGuid().ToString("N"), Seed.Details(i), DateTimeOffset.UtcNow));
            bareLatency[i] = one.Elapsed.TotalMilliseconds;
        });
        var bareSeconds = watch.Elapsed.TotalSeconds;
        var ratio = bareSeconds / intakeSeconds;

        // The intake's own storage work with no app code around it: the dedupe row and the lead in
        // one entity-group transaction. Splits the design's floor from the app's overhead.
        var sameWork = new TableServiceClient(azurite.ConnectionString).GetTableClient("work" + Guid.NewGuid().ToString("N")[..12]);
        await sameWork.CreateIfNotExistsAsync();
        watch.Restart();
        await Parallel.ForAsync(0, leads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var id = Guid.NewGuid().ToString("N");
            await sameWork.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new EmailIndexEntity { PartitionKey = "2026-W50", RowKey = "E-" + id, LeadId = id }),
                new TableTransactionAction(TableTransactionActionType.Add, LeadEntity.Create("2026-W50", id, Seed.Details(i), DateTimeOffset.UtcNow)),
            ]);
        });
        var sameWorkSeconds = watch.Elapsed.TotalSeconds;
        Report($"Intake: {leads} leads (10% repeats, 5% spam), 8 at a time", $"{F(leads / intakeSeconds, "0")} leads/s; p50 {F(Stats.Median(intakeLatency), "0.0")} ms, p99 {F(Stats.Percentile(intakeLatency, 99), "0.0")} ms", "", null);
        Report($"Bare TableClient inserts of the same entity, {leads}", $"{F(leads / bareSeconds, "0")} inserts/s; p50 {F(Stats.Median(bareLatency), "0.0")} ms, p99 {F(Stats.Percentile(bareLatency, 99), "0.0")} ms", "", null);
        Report("Intake throughput ÷ bare insert throughput", F(ratio, "0.00"), "≥ 0.70", ratio >= 0.7);
        Report("The intake's storage work alone (one 2-entity transaction), no app code", $"{F(leads / sameWorkSeconds, "0")} leads/s: {F(sameWorkSeconds / bareSeconds, "0.00")}× the bare insert's time; intake ÷ this = {F(sameWorkSeconds / intakeSeconds, "0.00")}", "", null);
    }

    // 2. A lead's whole life in storage requests, stage by stage, counted in the app's own pipeline;
    //    and the heartbeats that run whether or not leads come. The money follows at the end.
    {
        var counter = new RequestCounter();
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Routing:Pool:1"] = "rep-1", services => services.AddSingleton<HttpPipelinePolicy>(counter));
        const int n = 100;
        foreach (var table in new[] { LeadTables.Leads, LeadTables.PersonWeeks, LeadTables.Ledger, LeadTables.Audit })
            await week.App.Get<LeadTables>().GetAsync(table, CancellationToken.None); // table creation is a one-off, not per lead
        var submit = week.App.Function<SubmitLead>();
        var intake = await counter.DuringAsync(async () =>
        {
            for (var i = 0; i < n; i++) await week.App.SendAsync(LeadRequests.Json(LeadRequests.Valid($"life{i}@company{i}.example")), http => submit.Run(http, CancellationToken.None));
        });
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        var batch = await counter.DuringAsync(week.RunBatchAsync);
        var window = week.App.Get<SlaCalendar>().WindowOf("2026-W50")!;
        var stored = await week.App.LeadsAsync("2026-W50");
        var signer = week.App.Get<LinkSigner>();
        var qualify = week.App.Function<QualifyLead>();
        async Task<TestResponse> Qualify(TestRequest request)
        {
            var response = await week.App.SendAsync(request, http => qualify.Run(http, CancellationToken.None));
            if (response.Status is not (200 or 303)) throw new InvalidOperationException($"qualify page answered {response.Status}");
            return response;
        }
        long prefetch = 0, open = 0, decide = 0, afterDecision = 0;
        foreach (var lead in stored.Take(n / 2))
        {
            var target = $"/api/qualify?t={signer.Sign(LinkPurpose.Qualify, $"{window.Id}/{lead.Id}", lead.OwnerId!)}";
            var get = new TestRequest("GET", null, []) { Target = target };
            prefetch += await counter.DuringAsync(() => Qualify(get)); // a mail scanner opens the link first
            open += await counter.DuringAsync(() => Qualify(get));     // then the rep
            TestResponse? posted = null;
            decide += await counter.DuringAsync(async () => posted = await Qualify(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["decision"] = "accept" }) with { Target = target }));
            var location = posted!.Header("Location")!;
            afterDecision += await counter.DuringAsync(() => Qualify(new TestRequest("GET", null, []) { Target = new Uri(new Uri("http://localhost"), location).PathAndQuery }));
        }
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 17, 0, 0, TimeSpan.Zero));
        var remind = await counter.DuringAsync(() => week.App.Get<DeadlineService>().RunAsync(CancellationToken.None));
        // One Monday scorecard email: twelve trailing weeks built, composed and sent through the ledger.
        var delivery = week.App.Get<EmailDelivery>();
        var scorecards = week.App.Get<ScorecardService>();
        var scorecardEmail = await counter.DuringAsync(() => delivery.SendAsync("bench", window.Id, "scorecard-bench", async id =>
            ScorecardEmail.Compose(id, await scorecards.BuildAsync(window, 12, CancellationToken.None), ["manager@example.com"]), CancellationToken.None));
        // Heartbeats: the batch timer with nothing due, the deadline timer with a batch open, the daily purge.
        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.Zero));
        var idleBatch = await counter.DuringAsync(week.RunBatchAsync);
        var deadlineBeat = await counter.DuringAsync(() => week.App.Get<DeadlineService>().RunAsync(CancellationToken.None));
        var purgeBeat = await counter.DuringAsync(() => week.App.Get<LeadHandoff.Privacy.PrivacyService>().PurgeAsync(CancellationToken.None));

        double perLead(long count, int leadsCounted) => (double)count / leadsCounted;
        life = new LeadLife(
            Intake: perLead(intake, n), Batch: perLead(batch, n),
            Prefetch: perLead(prefetch, n / 2), Open: perLead(open, n / 2), Decision: perLead(decide, n / 2), AfterDecision: perLead(afterDecision, n / 2),
            Reminder: perLead(remind, n / 2), ScorecardEmail: scorecardEmail,
            IdleBatchBeat: idleBatch, DeadlineBeat: deadlineBeat, PurgeBeat: purgeBeat);
        Report("Lead life: intake, per new lead", F(life.Intake, "0.00"), "", null);
        Report("Lead life: the Monday batch, per lead (100 leads; routing, person index, seen-before, ledger, emails)", F(life.Batch, "0.00"), "", null);
        Report("Lead life: page views, per decided lead (scanner prefetch GET + rep's GET + decision POST + GET after it)", $"{F(life.Prefetch + life.Open + life.Decision + life.AfterDecision, "0.00")} ({F(life.Prefetch, "0.00")} + {F(life.Open, "0.00")} + {F(life.Decision, "0.00")} + {F(life.AfterDecision, "0.00")})", "", null);
        Report("Lead life: reminder, per undecided lead", F(life.Reminder, "0.00"), "", null);
        Report("Lead life: one weekly scorecard email (12 weeks built and sent)", $"{life.ScorecardEmail} requests", "", null);
        Report("Heartbeats: storage requests per run (batch timer idle / deadline timer, batch open / daily purge)", $"{life.IdleBatchBeat} / {life.DeadlineBeat} / {life.PurgeBeat}", "", null);
        // The same measure and goal as before page views were counted; the fuller one beside it has no goal.
        var decided = life.Intake + life.Batch + life.Decision + life.ScorecardEmail / (double)n;
        Report("Table Storage requests over a decided lead's life (intake, batch, decision, scorecard)", F(decided, "0.00"), "≤ 6", decided <= 6);
        Report("Table Storage requests over a decided lead's life, page views included", F(decided + life.Prefetch + life.Open + life.AfterDecision, "0.00"), "", null);
    }

    // 3. Event leads by file: a 5,000-row file with 10 bad rows (refused whole, each named), then the corrected file.
    {
        await using var app = TestApp.Create(azurite.ConnectionString);
        await app.Get<LeadTables>().GetAsync(LeadTables.Leads, CancellationToken.None);
        var imports = app.Get<LeadHandoff.Imports.LeadImportService>();
        string Row(int i, bool bad) => bad
            ? $"Person {i},not-an-address-{i},Company {i},Buyer,,Met at the stand,Software,11-50"
            : $"Person {i},import{i}@company{i % 500}.example,Company {i},Buyer,,Met at the stand,Software,11-50";
        byte[] File(bool withBadRows) => Encoding.UTF8.GetBytes("name,email,company,job_title,phone,message,sector,company_size\r\n" +
            string.Join("\r\n", Enumerable.Range(0, 5000).Select(i => Row(i, withBadRows && i % 500 == 7))) + "\r\n");
        var watch = Stopwatch.StartNew();
        var refused = await imports.ImportAsync(File(withBadRows: true), "trade-show-2026", CancellationToken.None);
        var refusedMs = watch.Elapsed.TotalMilliseconds;
        var firstErrors = refused.Results.Where(r => r.Errors is not null).Take(2).Select(r => $"row {r.Row}: {string.Join(" ", r.Errors!.SelectMany(e => e.Value))}");
        Report("Import of 5,000 rows with 10 bad ones: refused whole, every bad row named", $"{F(refusedMs, "0")} ms; {refused.Invalid} invalid rows, nothing stored (e.g. {string.Join("; ", firstErrors)})", "", null);
        watch.Restart();
        var done = await imports.ImportAsync(File(withBadRows: false), "trade-show-2026", CancellationToken.None);
        Report("Import of the corrected 5,000-row file into the open week", $"{F(watch.Elapsed.TotalSeconds, "0.00")} s; {done.Stored} stored, {done.Duplicates} duplicates", "", null);
    }

    // 4. The deadline check with and without 100,000 leads of closed history. Five batches a side,
    //    each with its own first run (the one that sends reminders), and seven later heartbeats each:
    //    every ratio rests on at least five samples per side.
    {
        async Task<(List<double> First, List<double> Steady, List<long> Requests)> DeadlineAsync(int history)
        {
            var counter = new RequestCounter();
            await using var week = BatchScenario.Create(azurite.ConnectionString, overrides: services => services.AddSingleton<HttpPipelinePolicy>(counter));
            for (var w = 0; w < history / 1000; w++)
            {
                var monday = new DateOnly(2024, 1, 1).AddDays(7 * w);
                await Seed.LeadsAsync(week.App, BatchWindow.IdOf(monday), 1000, new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), decided: true);
            }
            var calendar = week.App.Get<SlaCalendar>();
            var deadlines = week.App.Get<DeadlineService>();
            var (firsts, steadies, requests) = (new List<double>(), new List<double>(), new List<long>());
            for (var sample = 0; sample < 5; sample++)
            {
                var window = calendar.WindowOf(new DateOnly(2026, 12, 7).AddDays(7 * sample)); // 2026-W50 … 2027-W01, after the scenario clock starts
                for (var i = 0; i < 500; i++) await week.App.Get<LeadStore>().SaveAsync(window.Id, $"open-{sample}-{i:D4}", Seed.Details(i), window.OpensAt.AddMinutes(1), CancellationToken.None);
                week.App.Time.SetUtcNow(window.ClosesAt.AddMinutes(1));
                await week.RunBatchAsync();
                week.App.Time.SetUtcNow(window.DeadlineAt.AddMinutes(5));
                var watch = Stopwatch.StartNew();
                await deadlines.RunAsync(CancellationToken.None); // sends the reminders
                firsts.Add(watch.Elapsed.TotalMilliseconds);
                // Later heartbeats while the batch is open, its escalation not yet due: what most heartbeats are.
                for (var run = 0; run < 7; run++)
                {
                    var before = counter.Count;
                    watch.Restart();
                    await deadlines.RunAsync(CancellationToken.None);
                    steadies.Add(watch.Elapsed.TotalMilliseconds);
                    requests.Add(counter.Count - before);
                }
                // The escalation closes the batch, so it never reaches into the next sample (not measured).
                week.App.Time.SetUtcNow(window.DeadlineAt.AddHours(25));
                await deadlines.RunAsync(CancellationToken.None);
            }
            return (firsts, steadies, requests);
        }
        var fresh = await DeadlineAsync(0);
        var old = await DeadlineAsync(100_000);
        string Spread(List<double> values) => Stats.Spread(values, "ms");
        Report("Deadline check, 500 undecided a batch, no history: first run (sends reminders), 5 batches", Spread(fresh.First), "", null);
        Report("Deadline check, 500 undecided a batch, 100,000 leads of history: first run, 5 batches", Spread(old.First), "", null);
        Report("Deadline check, no history: later heartbeat, 35 runs", Spread(fresh.Steady), "", null);
        Report("Deadline check, 100,000 leads of history: later heartbeat, 35 runs", Spread(old.Steady), "", null);
        var firstRatio = Stats.Median(old.First) / Stats.Median(fresh.First);
        var steadyRatio = Stats.Median(old.Steady) / Stats.Median(fresh.Steady);
        var requestRatio = old.Requests.Average() / fresh.Requests.Average();
        Report("Deadline check with history ÷ without, first run (medians of 5)", F(firstRatio, "0.00"), "≤ 1.2", firstRatio <= 1.2);
        Report("Deadline check with history ÷ without, later heartbeat wall time (medians of 35)", F(steadyRatio, "0.00"), "≤ 1.2", steadyRatio <= 1.2);
        Report("Storage requests per heartbeat, with history ÷ without (35 runs a side)", $"{F(requestRatio, "0.00")} ({F(old.Requests.Average(), "0.0")} ÷ {F(fresh.Requests.Average(), "0.0")}; min {old.Requests.Min()}/{fresh.Requests.Min()}, max {old.Requests.Max()}/{fresh.Requests.Max()})", "1.0", Math.Abs(requestRatio - 1.0) < 0.005);
    }

    // 5. The scorecard over 52 weeks of 200 leads, read cold.
    {
        var counter = new RequestCounter();
        await using var seeded = TestApp.Create(azurite.ConnectionString);
        var calendar = seeded.Get<SlaCalendar>();
        for (var w = 0; w < 52; w++)
        {
            var monday = new DateOnly(2025, 12, 15).AddDays(7 * w);
            await Seed.LeadsAsync(seeded, BatchWindow.IdOf(monday), 200, new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), decided: true);
        }
        // The scorecard counts from the first batch on record: the first seeded week's batch went out.
        var ledger = seeded.Get<BatchLedger>();
        var firstWeek = calendar.WindowOf(new DateOnly(2025, 12, 15));
        var claim = await ledger.ClaimAsync(firstWeek, "bench", firstWeek.ClosesAt, TimeSpan.FromMinutes(5), firstWeek.DeadlineAt, CancellationToken.None);
        await ledger.CompleteAsync(claim!, firstWeek.ClosesAt, 200, null, CancellationToken.None);
        var settings = seeded.Settings.ToDictionary();
        await using var cold = TestApp.Create(azurite.ConnectionString, s => { s.Clear(); foreach (var (k, v) in settings) s[k] = v; }, overrides: services => services.AddSingleton<HttpPipelinePolicy>(counter));
        var end = calendar.WindowOf(new DateOnly(2025, 12, 15).AddDays(7 * 51));
        var watch = Stopwatch.StartNew();
        var card = await cold.Get<ScorecardService>().BuildAsync(end, 52, CancellationToken.None);
        watch.Stop();
        if (card.Totals.Delivered != 52 * 200) throw new InvalidOperationException($"scorecard counted {card.Totals.Delivered}");
        Report("Scorecard, 52 weeks × 200 leads, read cold", $"{F(watch.Elapsed.TotalMilliseconds, "0")} ms, {counter.Count} storage requests", "", null);
    }

    // Under the real Functions host (`func start`): cold start to the first acknowledged lead, then
    // intake over HTTP at a steady concurrency.
    {
        await using var storage = await Azurite.StartAsync(tableOnly: false);
        var hostSettings = TestSettings.For(storage.ConnectionString);
        hostSettings["Intake:RateLimitPermits"] = "100000";
        using var http = new HttpClient();
        var colds = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var host = FuncHost.Launch(hostSettings, storage.ConnectionString);
            while (true)
            {
                try
                {
                    using var response = await http.PostAsync($"{host.BaseUrl}/api/leads", JsonContent.Create(LeadRequests.Valid($"cold{i}@start.example")));
                    if ((int)response.StatusCode == 201) break;
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(50);
            }
            colds.Add(watch.Elapsed.TotalMilliseconds);
        }
        Report("Host cold start: `func start` to the first 201 from /api/leads (5 starts)", Stats.Spread(colds.Select(c => c / 1000), "s"), "", null);

        await using (var host = await FuncHost.StartAsync(hostSettings, storage.ConnectionString))
        {
            // The issue's two loads, in one warm host: the real-host check (500 at 8) and the benchmark's (2,000 at 16).
            foreach (var (total, concurrency, offset) in new[] { (500, 8, 1_000), (2_000, 16, 10_000) })
            {
                var latencies = new double[total];
                var next = -1;
                var all = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    int n;
                    while ((n = Interlocked.Increment(ref next)) < total)
                    {
                        var watch = Stopwatch.StartNew();
                        using var response = await http.PostAsync($"{host.BaseUrl}/api/leads", JsonContent.Create(LeadRequests.Valid($"http{offset + n}@intake{n % 97}.example")));
                        latencies[n] = watch.Elapsed.TotalMilliseconds;
                        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"intake answered {(int)response.StatusCode}");
                    }
                }));
                all.Stop();
                if (total == 2_000) hostIntakeP50Ms = Stats.Percentile(latencies, 50);
                Report($"Intake over HTTP through the host, {total:N0} submissions at concurrency {concurrency}",
                    $"p50 {F(Stats.Percentile(latencies, 50), "0")} ms, p99 {F(Stats.Percentile(latencies, 99), "0")} ms, {F(total / all.Elapsed.TotalSeconds, "0")}/s", "", null);
            }
        }
    }
}
finally
{
    await azurite.DisposeAsync();
}

// A lead's whole life in money, at three volumes, from the counts above and bench/prices.json.
if (life is not null && hostIntakeP50Ms is not null && batchSeconds is not null)
{
    var prices = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "bench", "prices.json"))).RootElement;
    foreach (var m in CostModel.Months(life, prices, batchRequestsPerLead!.Value, batchSeconds.Value, hostIntakeP50Ms.Value / 1000))
    {
        var heartbeatShare = m.HeartbeatsPerLead / (m.RequestsPerLead + m.HeartbeatsPerLead);
        Report($"A lead's life at {m.LeadsPerWeek:N0} leads a week: storage requests per lead, heartbeats amortised",
            $"{F(m.RequestsPerLead + m.HeartbeatsPerLead, "0.00")} ({F(m.RequestsPerLead, "0.00")} for the lead, {F(m.HeartbeatsPerLead, "0.00")} of heartbeats: {F(heartbeatShare * 100, "0")}%)", "", null);
        Report($"Monthly cost at {m.LeadsPerWeek:N0} leads a week, {m.Reps} reps",
            $"{CostModel.Money(m.Total)}: Table {CostModel.Money(m.TableCost)} ({F(m.Transactions, "N0")} requests), Flex {CostModel.Money(m.FlexCost)} ({F(m.Executions, "N0")} executions, {F(m.GbSeconds, "N0")} GB-s), SendGrid {CostModel.Money(m.SendGridCost)} ({F(m.Emails, "0")} emails, {m.SendGridPlan})", "", null);
        Report($"The same lead rotation and SLA in a CRM, {m.Reps} reps ({prices.GetProperty("crmSeatPerMonth").GetProperty("product").GetString()})", $"{CostModel.Money(m.CrmCost)} a month", "", null);
    }
    foreach (var price in prices.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object))
        notes.Add($"Price `{price.Name}`: {price.Value.GetProperty("source").GetString()}.");
    notes.Add($"Cost assumptions (bench/LeadHandoff.Benchmarks/CostModel.cs): {F(CostModel.UndecidedShare * 100, "0")}% of leads reminded once; {CostModel.HttpExecutionsPerLead} HTTP executions per lead, each billed alone for the host-measured intake p50; the batch's time scaled from the 10,000-lead run on Azurite; timer runs {CostModel.HeartbeatSeconds * 1000} ms; 3, 10 and 20 reps; {F(CostModel.WeeksPerMonth, "0.000")} weeks a month. Not counted: Application Insights ingestion, Key Vault operations, storage capacity.");
}

async Task<string> Git(string arguments)
{
    var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, WorkingDirectory = RepositoryRoot.Path })!;
    var output = (await git.StandardOutput.ReadToEndAsync()).Trim();
    await git.WaitForExitAsync();
    return output;
}
// The exact code measured: the commit, and whether the tree held changes not in it (results.md itself aside).
var sha = await Git("rev-parse HEAD");
var dirty = (await Git("status --porcelain")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Any(l => !l.EndsWith("bench/results.md", StringComparison.Ordinal));
sha += dirty ? " (the working tree had uncommitted changes: these figures are not exactly that commit's)" : " (clean working tree)";
var memoryGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024;
var md = new StringBuilder()
    .AppendLine("# Benchmark results")
    .AppendLine()
    .AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC")
    .AppendLine($"- Commit: {sha}")
    .AppendLine($"- Machine: {Environment.ProcessorCount} cores, {F(memoryGb, "0")} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}")
    .AppendLine($"- Storage: Azurite (in-memory) on loopback, started by the benchmark; intake N = {leads}")
    .AppendLine($"- Command: `dotnet run -c Release --project bench/LeadHandoff.Benchmarks`")
    .AppendLine()
    .AppendLine("| measure | figure | goal | |")
    .AppendLine("|---|---|---|---|");
foreach (var (name, figure, goal, met) in results)
    md.AppendLine($"| {name} | {figure} | {(goal.Length == 0 ? "—" : goal)} | {(met is null ? "" : met.Value ? "met" : "**not met**")} |");
md.AppendLine();
foreach (var note in notes) md.AppendLine($"- {note}");
// The analysis is source (bench/analysis.md), not a copy of the last results: each {{row}} in it
// becomes this run's figure, so the prose can never drift from the table.
var analysis = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "bench", "analysis.md")), @"\{\{(.+?)\}\}", match =>
{
    var name = match.Groups[1].Value.Replace("\n  ", " ", StringComparison.Ordinal);
    var row = results.FirstOrDefault(r => r.Name == name);
    if (row.Name is null) throw new InvalidOperationException($"bench/analysis.md names a row this run did not produce: {name}");
    return row.Met is null ? $"**{row.Figure}**" : $"**{row.Figure}** (goal {row.Goal}: {(row.Met.Value ? "met" : "not met")})";
}, System.Text.RegularExpressions.RegexOptions.Singleline);
var path = Path.Combine(RepositoryRoot.Path, "bench", "results.md");
await File.WriteAllTextAsync(path, md + Environment.NewLine + analysis);
Console.WriteLine($"Written to {path}");