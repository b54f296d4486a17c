using LeadHandoff.Batches;
using LeadHandoff.Leads;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Batches;

/// <summary>
/// The rendered emails, checked in under Batches/Golden so a reviewer can open them in a browser.
/// A change to the emails fails here until the files are regenerated (LEADHANDOFF_UPDATE_GOLDEN=1) and reviewed.
/// </summary>
public sealed class GoldenEmailTests
{
    private static readonly SlaCalendar Calendar = new(Options.Create(new SlaOptions()));
    private static readonly BatchWindow Window = Calendar.WindowOf(new DateOnly(2026, 12, 7));

    private static Lead Lead(string id, string name, string company, string sector, string size, int submissions = 1, string? phone = null) => new(
        id, Window.Id,
        new LeadDetails(name, $"{name.Split(' ')[0].ToLowerInvariant()}@{company.Split(' ')[0].ToLowerInvariant()}.example", company, "Head of Operations", phone,
            "We would like a demo & pricing <soon>.\nPlease call after 14:00.", new Segment(sector, size), new MarketingSource("pricing-guide", "linkedin", "paid", "q4-launch"), new Consent(true, "2026-09")),
        new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero), submissions, "rep-1");

    private static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(RepositoryRoot.Path, "tests", "LeadHandoff.UnitTests", "Batches", "Golden", name);
        if (Environment.GetEnvironmentVariable("LEADHANDOFF_UPDATE_GOLDEN") == "1" && (!File.Exists(path) || File.ReadAllText(path) != actual))
        {
            // A regenerated copy never passes by comparing with itself: review the diff, then run again.
            File.WriteAllText(path, actual);
            Assert.Fail($"{name} was rewritten: review the change (git diff), commit it, and run the tests again without LEADHANDOFF_UPDATE_GOLDEN.");
        }
        Assert.True(File.Exists(path), $"{name} is missing: run the tests with LEADHANDOFF_UPDATE_GOLDEN=1, review and commit it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Fact]
    public void The_owner_email_matches_its_golden_copy()
    {
        var earlier = Lead("0193aaaa", "Grace Hopper", "Navy Systems", "Public sector", "1001+") with { WindowId = "2026-W45", Decision = new RecordedDecision(Decision.Nurture, null, null, "rep-1", new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero), null, true, 1) };
        BatchLead[] leads =
        [
            new(Lead("0193a1", "Ada Lovelace", "Analytical Engines", "Software", "11-50", submissions: 2, phone: "+44 20 7946 0000"), null, "https://app.example/api/qualify?t=k1.AAA.BBB"),
            new(Lead("0193a2", "Grace Hopper", "Navy Systems", "Public sector", "1001+"), earlier, "https://app.example/api/qualify?t=k1.CCC.DDD"),
            new(Lead("0193a3", "Alan Turing", "Bletchley <Labs>", "Software", "1-10"), null, "https://app.example/api/qualify?t=k1.EEE.FFF"),
        ];

        var mail = OwnerBatchEmail.Compose("2026-W50.owner-rep-1", Window, new Owner("rep-1", "Rita Rep", "rita@example.com"), leads, "https://app.example/api/batch?t=k1.GGG.HHH", Calendar.TimeZone);

        AssertGolden("owner-email.html", mail.Html);
        AssertGolden("owner-email.txt", mail.Text);
        Assert.Equal("3 leads for you in batch 2026-W50: decide by Wed 9 Dec 17:00", mail.Subject);
    }

    [Fact]
    public void The_summary_email_matches_its_golden_copy()
    {
        var summary = new BatchSummary(Window, 50, 42,
            new Dictionary<(string, string), int> { [("Software", "11-50")] = 20, [("Software", "1-10")] = 7, [("Retail", "51-200")] = 15 },
            [("Rita Rep", 22), ("Sam Seller", 20)], Spam: 9, Quarantined: 2);

        var mail = BatchSummaryEmail.Compose("2026-W50.summary", summary, ["manager@example.com", "marketing@example.com"], Calendar.TimeZone);

        AssertGolden("summary-email.html", mail.Html);
        AssertGolden("summary-email.txt", mail.Text);
    }
}
