using System.Text.RegularExpressions;
using LeadHandoff.Functions.Qualification;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Qualification;

/// <summary>Drives the sales pages through their function classes, with the links taken from the sent emails.</summary>
public static partial class QualificationDriver
{
    public static List<string> QualifyLinks(this BatchScenario week, string owner) =>
        week.SendGrid.To(owner).SelectMany(m => QualifyLinksIn(m.Text)).ToList();

    public static List<string> QualifyLinksIn(string text) => QualifyLink().Matches(text).Select(x => x.Groups[1].Value).ToList();

    public static string BatchLink(this BatchScenario week, string owner) =>
        BatchLinkPattern().Match(Assert.Single(week.SendGrid.To(owner)).Text).Groups[1].Value;

    /// <summary>Path and query of an absolute link, as the function sees them.</summary>
    public static string Target(string link) => new Uri(link).PathAndQuery;

    public static Task<TestResponse> QualifyAsync(this TestApp app, string method, string link, Dictionary<string, string>? form = null) =>
        app.SendAsync(Request(method, link, form), http => app.Function<QualifyLead>().Run(http, CancellationToken.None));

    public static Task<TestResponse> BatchPageAsync(this TestApp app, string method, string link, Dictionary<string, string>? form = null) =>
        app.SendAsync(Request(method, link, form), http => app.Function<QualifyBatch>().Run(http, CancellationToken.None));

    private static TestRequest Request(string method, string link, Dictionary<string, string>? form) => form is null
        ? new TestRequest(method, null, []) { Target = Target(link) }
        : LeadRequests.UrlEncoded(form) with { Method = method, Target = Target(link) };

    // The English or the Thai words of the email's text part.
    [GeneratedRegex(@"(?:Qualify|คัดกรอง): (\S+)")]
    private static partial Regex QualifyLink();

    [GeneratedRegex(@"(?:Decide all your leads on one page|ตัดสินใจลีดทั้งหมดในหน้าเดียว): (\S+)")]
    private static partial Regex BatchLinkPattern();
}
