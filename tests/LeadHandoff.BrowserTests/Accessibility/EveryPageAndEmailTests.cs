using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using LeadHandoff.Deadlines;
using LeadHandoff.Functions.Intake;
using LeadHandoff.Functions.Privacy;
using LeadHandoff.Functions.Reviews;
using LeadHandoff.Reviews;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Functions.Qualification;
using LeadHandoff.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LeadHandoff.Tests.Accessibility;

/// <summary>
/// Every page and every email a person can receive, from one week of the product, checked by two
/// independent checkers: axe-core in Chromium at 1280 px and at 390 px (no violation of serious
/// or critical impact), and the Nu Html Checker (no error). The figures are written to
/// artifacts/accessibility.md for the record.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class EveryPageAndEmailTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>One week that produces every page and email: intake (and its error page), a held-back post released after the batch, decisions, the deadline chase, next week's scorecard, a withdrawal.</summary>
    private async Task<Dictionary<string, string>> DocumentsAsync()
    {
        var docs = new Dictionary<string, string>();
        await using var week = BatchScenario.Create(azurite.ConnectionString, s =>
        {
            s["Scorecard:SendWithBatch"] = "true";
            s["Confirmation:Enabled"] = "true";
            s["HotLane:Offers:0"] = "demo-request";
            s["Webhooks:Subscriptions:0:Id"] = "crm";
            s["Webhooks:Subscriptions:0:Url"] = "https://crm.example.com/hooks/leadhandoff";
            s["Webhooks:Subscriptions:0:Secret"] = WebhookReceiver.Secret;
        });
        foreach (var (email, name, company) in new[] { ("ada@example.com", "Ada Lovelace", "Analytical Engines"), ("somchai@example.co.th", "สมชาย ใจดี", "บริษัท ตัวอย่าง จำกัด"), ("grace@navy.example", "Grace Hopper", "Navy Systems") })
        {
            var fields = LeadRequests.Valid(email, name);
            fields["company"] = company;
            fields["message"] = "We would like a demo.\nPlease call after 14:00.";
            if (email.EndsWith(".th", StringComparison.Ordinal)) fields["lang"] = "th";
            await week.App.PostAsync(LeadRequests.Json(fields));
        }
        var hot = LeadRequests.Valid("buyer@hot.example", "Hot Buyer");
        (hot["offer"], hot["sector"], hot["company"]) = ("demo-request", "Manufacturing", "Hot Prospect Ltd"); // Maya's by rule
        await week.App.PostAsync(LeadRequests.Json(hot));
        var held = LeadRequests.Valid("held@example.com", "Held Back");
        held.Remove("lh_trap");
        var heldId = JsonDocument.Parse((await week.App.PostAsync(LeadRequests.Json(held))).Body).RootElement.GetProperty("id").GetString()!;
        var invalid = LeadRequests.Valid("not-an-address");
        invalid.Remove("company");
        docs["page: intake error (400)"] = (await week.App.PostAsync(LeadRequests.UrlEncoded(invalid))).Body;
        invalid["lang"] = "th";
        docs["page: intake error (Thai)"] = (await week.App.PostAsync(LeadRequests.UrlEncoded(invalid))).Body;
        docs["page: thank you"] = (await week.App.GetAsync("/api/thanks", http => Task.FromResult(week.App.Function<ThankYouPage>().Run(http)))).Body;

        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        docs["page: review queue"] = (await week.App.GetAsync("/api/review?window=2026-W50", http => week.App.Function<ReviewQueue>().Run(http, CancellationToken.None))).Body;
        var link = week.QualifyLinks(TestSettings.Rita.Email)[0];
        var batchLink = week.BatchLink(TestSettings.Rita.Email);
        await week.App.Get<ReviewQueueService>().ReleaseAsync("2026-W50", heldId, "test", CancellationToken.None);
        docs["page: qualify a lead"] = (await week.App.QualifyAsync("GET", link)).Body;
        docs["page: qualify, refused (no reason)"] = (await week.App.QualifyAsync("POST", link, new() { ["decision"] = "reject" })).Body;
        docs["page: batch"] = (await week.App.BatchPageAsync("GET", batchLink)).Body;
        docs["page: link not valid"] = (await week.App.QualifyAsync("GET", link[..^4] + "AAAA")).Body;

        week.App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.Zero)); // past the reminder and the escalation
        await week.App.Get<DeadlineService>().RunAsync(CancellationToken.None);
        var team = System.Text.RegularExpressions.Regex.Match(week.SendGrid.Accepted.First(m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal)).Text, @"See the whole team's week: (\S+)").Groups[1].Value;
        docs["page: manager's team view"] = (await week.App.GetAsync(new Uri(team).PathAndQuery, http => week.App.Function<LeadHandoff.Functions.TeamWeek.TeamPage>().Run(http, CancellationToken.None))).Body;
        // The manager moves Rita's first undecided lead to Sam: Sam's email, and the old link's answer.
        var undecided = (await week.App.LeadsAsync()).First(l => l.OwnerId == TestSettings.Rita.Id && l.Decision is null);
        await week.App.SendAsync(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["action"] = "reassign", ["lead"] = undecided.Id, ["to"] = TestSettings.Sam.Id }) with { Target = new Uri(team).PathAndQuery },
            http => week.App.Function<LeadHandoff.Functions.TeamWeek.TeamPage>().Run(http, CancellationToken.None));
        foreach (var old in week.QualifyLinks(TestSettings.Rita.Email))
            if ((await week.App.QualifyAsync("GET", old)) is { Status: 410 } moved && moved.Body.Contains("reassigned", StringComparison.Ordinal)) docs["page: lead reassigned (old link)"] = moved.Body;
        docs["page: team and routing (admin)"] = (await week.App.GetAsync("/api/team/roster", http => week.App.Function<LeadHandoff.Functions.Team.TeamAdmin>().Run(http, CancellationToken.None))).Body;
        // A Thai admin's refused change: the page again, with the errors and what was typed.
        var refusedMember = new Dictionary<string, string> { ["action"] = "save-member", ["id"] = "rep-9", ["name"] = "นิด", ["email"] = "not-an-address", ["role"] = "Rep", ["language"] = "th" };
        var memberErrors = new FieldErrors();
        memberErrors.Add("email", "MemberEmail");
        docs["page: team and routing (Thai, a refused change)"] = LeadHandoff.Html.HtmlTemplates.Render<LeadHandoff.Functions.Team.TeamAdminPage, LeadHandoff.Functions.Team.TeamAdminPage.Data>(new(
            LeadHandoff.Functions.Staff.StaffPageText.Thai, await week.App.Get<LeadHandoff.Team.TeamAdminService>().CurrentAsync(CancellationToken.None), null, "/api/staff/roster", memberErrors, refusedMember));
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddDays(7).AddMinutes(1));
        await week.RunBatchAsync(); // 2026-W51, with the scorecard of 2026-W50
        docs["page: scorecard"] = (await week.GetScorecardAsync("?weeks=4&end=2026-W50", "text/html")).Body;
        var card = await week.App.Get<LeadHandoff.Scorecards.ScorecardService>().BuildAsync(week.App.Get<LeadHandoff.Weeks.SlaCalendar>().WindowOf("2026-W50")!, 4, CancellationToken.None);
        docs["page: scorecard (Thai)"] = LeadHandoff.Html.HtmlTemplates.Render<LeadHandoff.Functions.Scorecards.ScorecardPage, LeadHandoff.Functions.Scorecards.ScorecardPage.Data>(new(
            card, week.App.Get<LeadHandoff.Qualification.QualificationService>().Reasons.ToDictionary(r => r.Id, r => r.LabelIn("th")), LeadHandoff.Functions.Scorecards.ScorecardPageText.Thai));
        docs["page: webhooks (admin)"] = (await week.App.GetAsync("/api/webhooks", http => week.App.Function<LeadHandoff.Functions.Webhooks.WebhookAdmin>().Run(http, CancellationToken.None))).Body;
        docs["page: withdraw consent"] = (await week.App.GetAsync("/api/privacy/withdraw", http => week.App.Function<WithdrawConsent>().Run(http, CancellationToken.None))).Body;
        await week.App.SendAsync(LeadRequests.UrlEncoded(new Dictionary<string, string> { ["email"] = "ada@example.com" }) with { Target = "/api/privacy/withdraw" },
            http => week.App.Function<WithdrawConsent>().Run(http, CancellationToken.None));
        await week.App.Get<LeadHandoff.Privacy.WithdrawalService>().SendAskedAsync(CancellationToken.None);

        foreach (var (label, match) in new (string, Func<SentMail, bool>)[]
        {
            ("email: owner's batch", m => m.LedgerId.Contains(".owner-", StringComparison.Ordinal)),
            ("email: batch summary", m => m.LedgerId.EndsWith(".summary", StringComparison.Ordinal)),
            ("email: scorecard", m => m.LedgerId.EndsWith(".scorecard", StringComparison.Ordinal)),
            ("email: released from review", m => m.LedgerId.Contains(".released-", StringComparison.Ordinal)),
            ("email: reminder", m => m.Subject.StartsWith("Reminder", StringComparison.Ordinal)),
            ("email: escalation", m => m.Subject.StartsWith("Escalation", StringComparison.Ordinal)),
            ("email: withdrawal confirmation", m => m.LedgerId.StartsWith("withdraw-", StringComparison.Ordinal)),
            ("email: hot lead", m => m.Subject.StartsWith("Hot lead:", StringComparison.Ordinal)),
            ("email: reassigned to you", m => m.Subject.StartsWith("Reassigned to you", StringComparison.Ordinal)),
            ("email: confirmation (English)", m => m.LedgerId.StartsWith("confirm-", StringComparison.Ordinal) && m.To.Contains("ada@example.com")),
            ("email: confirmation (Thai)", m => m.LedgerId.StartsWith("confirm-", StringComparison.Ordinal) && m.To.Contains("somchai@example.co.th")),
        })
            docs[label] = week.SendGrid.Accepted.First(match).Html;

        // A Thai rep's email and batch page, for this week's first leads: the same templates, Thai resources.
        var window = week.App.Get<LeadHandoff.Weeks.SlaCalendar>().WindowOf("2026-W50")!;
        var zone = week.App.Get<LeadHandoff.Weeks.SlaCalendar>().TimeZone;
        var leads = (await week.App.LeadsAsync()).Where(l => l.WindowId == "2026-W50").Take(3).ToList();
        var thai = new LeadHandoff.Team.Owner("rep-9", "สมหญิง ขายดี", "somying@example.co.th", "th");
        docs["email: owner's batch (Thai)"] = LeadHandoff.OwnerEmail.OwnerBatchEmail.Compose("thai", window, thai,
            [.. leads.Select(l => new LeadHandoff.OwnerEmail.BatchLead(l, null, "https://app.example/api/qualify?t=k1.AAA.BBB"))], "https://app.example/api/batch?t=k1.CCC.DDD", zone).Html;
        docs["page: batch (Thai)"] = LeadHandoff.Html.HtmlTemplates.Render<LeadHandoff.Functions.Qualification.BatchPage, LeadHandoff.Functions.Qualification.BatchPage.Data>(new(
            LeadHandoff.Functions.Qualification.RepPageText.Thai, window.Id, window.DeadlineAt, zone, leads, week.App.Get<LeadHandoff.Qualification.QualificationService>().Reasons,
            "?t=k1.CCC.DDD", false, null, null, null, null));
        // The agreement: the Thai marketing lead's page with the form to propose, then (a change proposed)
        // the English page as the sales manager sees it, with the buttons to answer; the page the
        // emailed link opens, and the email itself in both languages.
        var agreement = week.App.Get<LeadHandoff.Agreement.AgreementService>();
        var agreementPage = week.App.Function<LeadHandoff.Functions.Agreement.GetAgreement>();
        async Task<string> AgreementAsync(string language, LeadHandoff.Agreement.AgreementSide side) =>
            (await week.App.SendAsync(new TestRequest("GET", null, []) { Target = "/api/staff/agreement" }, async http =>
            {
                http.HttpContext.Items[LeadHandoff.Functions.Staff.StaffRequest.LanguageItem] = language;
                return await agreementPage.PageAsync(http, new("Someone", side, false, "/api/staff/agreement", "token-for-the-checks"), null, 200, null, null, CancellationToken.None);
            })).Body;
        docs["page: agreement (Thai, marketing, propose)"] = await AgreementAsync("th", LeadHandoff.Agreement.AgreementSide.Marketing);
        var (_, change) = await agreement.ProposeAsync(new(40, 0.35, 0.9, ["pricing-guide"], [], []), LeadHandoff.Agreement.AgreementSide.Marketing, "Mali Marketing", "Fewer leads, more of them good.", null, CancellationToken.None);
        docs["page: agreement (sales manager, answer)"] = await AgreementAsync("en", LeadHandoff.Agreement.AgreementSide.Sales);
        var agreed = await agreement.CurrentAsync(CancellationToken.None);
        docs["page: agreement answer (Thai)"] = LeadHandoff.Html.HtmlTemplates.Render<LeadHandoff.Functions.Agreement.AnswerPage, LeadHandoff.Functions.Agreement.AnswerPage.Data>(new(
            LeadHandoff.Functions.Agreement.AgreementPageText.Thai, change!, agreed.Latest.Terms.Changes(change!.Terms), agreement.NextWeek().Id, week.App.Get<LeadHandoff.Weeks.SlaCalendar>().TimeZone, "?t=k1.AAA.BBB", "/api/staff/agreement", null));
        foreach (var language in new[] { "en", "th" })
            docs["email: agreement approval" + (language == "th" ? " (Thai)" : "")] = LeadHandoff.Agreement.AgreementApprovals.Email("ask", "manager@example.com", change, agreed.Latest.Terms, agreement.NextWeek().Id,
                LeadHandoff.Agreement.AgreementSide.Sales, "https://app.example/api/agreement/answer?t=k1.AAA.BBB", LeadHandoff.Agreement.AgreementEmailText.For(language)).Html;

        // Mid-week progress: the staff home with this week so far, and marketing's "behind pace" email, in both languages.
        var progress = await week.App.Get<LeadHandoff.Scorecards.ScorecardService>().ProgressAsync(CancellationToken.None);
        foreach (var language in new[] { "en", "th" })
        {
            var suffix = language == "th" ? " (Thai)" : "";
            var staffText = LeadHandoff.Functions.Staff.StaffPageText.For(language);
            docs["page: staff home" + suffix] = LeadHandoff.Html.HtmlTemplates.Render<LeadHandoff.Functions.StaffHome.StaffHomePage, LeadHandoff.Functions.StaffHome.StaffHomePage.Data>(
                new(staffText, "Morgan", [("/api/staff/agreement", staffText["LinkAgreement"]), ("/api/staff/team", staffText["LinkTeam"])]) { Progress = progress });
            docs["email: behind pace" + suffix] = LeadHandoff.Pace.PaceService.Email("pace", ["marketing@example.com"], progress with { DueByNow = progress.Counted + 3 }, "Monday 21 December 2026, 09:00 (Europe/London)",
                "https://app.example/api/staff/agreement", LeadHandoff.Pace.PaceEmailText.For(language)).Html;
        }

        // The invitation that binds a member's work account: the email in both languages, and the page its link opens.
        foreach (var (language, name) in new[] { ("en", "Nina New"), ("th", "นีน่า ใจดี") })
        {
            var member = new LeadHandoff.Team.TeamMember("mgr-2", name, "nina@example.com", LeadHandoff.Team.TeamRole.Manager, Language: language);
            var suffix = language == "th" ? " (Thai)" : "";
            docs["email: staff invitation" + suffix] = LeadHandoff.Invitations.StaffInvitations.Email("invite", member, "https://app.example/api/staff-invitation?t=k1.AAA.BBB", "Example Co", LeadHandoff.Invitations.InvitationEmailText.For(language)).Html;
            docs["page: staff invitation" + suffix] = LeadHandoff.Html.HtmlTemplates.Render<LeadHandoff.Functions.Invitations.InvitationPage, LeadHandoff.Functions.Invitations.InvitationPage.Data>(new(
                LeadHandoff.Functions.Staff.StaffPageText.For(language), name, "Manager", "/api/staff-invitation?t=k1.AAA.BBB"));
        }
        return docs;
    }

    [Fact]
    public async Task Every_page_and_email_passes_axe_at_1280_and_390_px_and_the_nu_html_checker()
    {
        var docs = await DocumentsAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var report = new StringBuilder("# Accessibility and HTML checks\n\n| document | axe at 1280 px (serious+critical / all) | axe at 390 px (serious+critical / all) | Nu checker errors | axe rules below serious |\n|---|---|---|---|---|\n");
        var failures = new List<string>();
        var nu = await NuCheckerAsync(docs);

        foreach (var (label, html) in docs.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var cells = new List<string>();
            var minor = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var width in new[] { 1280, 390 })
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.SetContentAsync(html);
                var result = await page.RunAxe();
                var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
                cells.Add($"{blocking.Count} / {result.Violations.Length}");
                minor.UnionWith(result.Violations.Where(v => !Blocking.Contains(v.Impact)).Select(v => $"{v.Id} ({v.Impact})"));
                foreach (var v in blocking) failures.Add($"{label} at {width} px: {v.Id} ({v.Impact}): {v.Help} [{string.Join(" | ", v.Nodes.Take(2).Select(n => n.Html))}]");
                await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath($"{Slug(label)}-{width}.png"), FullPage = true });
            }
            var errors = nu.GetValueOrDefault(label) ?? [];
            failures.AddRange(errors.Select(e => $"{label}: Nu checker: {e}"));
            report.Append($"| {label} | {cells[0]} | {cells[1]} | {errors.Count} | {(minor.Count == 0 ? "none" : string.Join(", ", minor))} |\n");
        }
        var path = Path.Combine(RepositoryRoot.Path, "artifacts", "accessibility.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        output.WriteLine(report.ToString());
        Assert.Equal(42, docs.Count); // twenty-four pages, eighteen emails
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_checkers_catch_what_they_are_here_to_catch()
    {
        // The emails' old shape: no title, an unlabelled field, text too faint to read.
        const string bad = "<!doctype html><html lang=\"en\"><body><p style=\"color:#bbb;background:#fff\">Faint</p><input type=\"text\"></body></html>";
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(bad);

        var axe = await page.RunAxe();
        var nu = await NuCheckerAsync(new() { ["bad"] = bad });

        Assert.Contains(axe.Violations, v => v.Id == "document-title" && Blocking.Contains(v.Impact));
        Assert.Contains(axe.Violations, v => v.Id == "label" && Blocking.Contains(v.Impact));
        Assert.Contains(axe.Violations, v => v.Id == "color-contrast" && Blocking.Contains(v.Impact));
        Assert.Contains(nu["bad"], e => e.Contains("title", StringComparison.Ordinal));
    }

    /// <summary>Runs the Nu Html Checker (npm vnu-jar, on Java) once over every document; errors by document.</summary>
    private static async Task<Dictionary<string, List<string>>> NuCheckerAsync(Dictionary<string, string> docs)
    {
        var jar = Path.Combine(RepositoryRoot.Path, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        Assert.True(File.Exists(jar), $"{jar} is missing: run npm ci (.ci/run does).");
        var folder = Directory.CreateTempSubdirectory("nu-").FullName;
        try
        {
            var files = docs.ToDictionary(d => Path.Combine(folder, Slug(d.Key) + ".html"), d => d.Key);
            foreach (var (file, label) in files) await File.WriteAllTextAsync(file, docs[label]);
            var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-jar", jar, "--errors-only", "--format", "json" }.Concat(files.Keys)) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var json = await process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var result = new Dictionary<string, List<string>>();
            foreach (var message in JsonDocument.Parse(json).RootElement.GetProperty("messages").EnumerateArray())
            {
                // vnu writes "file:/tmp/…" (one slash), which System.Uri refuses: the path is what follows "file:".
                var url = message.TryGetProperty("url", out var u) ? u.GetString()! : "(no file)";
                var file = url.StartsWith("file:", StringComparison.Ordinal) ? "/" + url["file:".Length..].TrimStart('/') : url;
                var label = files.GetValueOrDefault(file, file);
                (result.TryGetValue(label, out var list) ? list : result[label] = []).Add($"{message.GetProperty("message").GetString()} (line {(message.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)})");
            }
            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Slug(string label) => new(label.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
}
