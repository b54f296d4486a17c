using System.Text;
using CsCheck;
using LeadHandoff.Functions.Privacy;
using LeadHandoff.Tests.Batches;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Functions.Qualification;
using LeadHandoff.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LeadHandoff.Tests.Functions.Http;

/// <summary>
/// Mutated bodies, seeded with real forms and JSON, thrown at the public POSTs: the intake, the
/// withdrawal request and a rep's decision. Whatever arrives, the answer is never a 5xx and
/// nothing throws. CsCheck generates and, on a failure, shrinks to the smallest body that fails.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8", "multipart/form-data; boundary=----fuzz", "application/x-www-form-urlencoded; charset=utf-7",
        "text/plain", "multipart/form-data", "application/json; charset=\"utf-16\"", "", ";;;", "application/x-www-form-urlencoded; boundary=",
    ];

    private static readonly byte[][] Interesting =
    [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], "%FF"u8.ToArray(), "%C0%AF"u8.ToArray(), "\\ud800"u8.ToArray(),
        "\\udc00\\ud800"u8.ToArray(), "\""u8.ToArray(), "{"u8.ToArray(), "]"u8.ToArray(), "&"u8.ToArray(), "="u8.ToArray(), "\r\n"u8.ToArray(),
        "\r\n------fuzz\r\n"u8.ToArray(), "Content-Disposition: form-data; name=\"x\"\r\n\r\n"u8.ToArray(), Encoding.UTF8.GetBytes("\u202E"), Encoding.UTF8.GetBytes("จำกัด™"),
        "1e999999"u8.ToArray(), "[[[[[[[[[[[["u8.ToArray(), "null"u8.ToArray(), "%"u8.ToArray(), "+"u8.ToArray(),
    ];

    private static byte[][] Corpus()
    {
        var fields = LeadRequests.Valid();
        var multipart = new StringBuilder();
        foreach (var (name, value) in fields) multipart.Append($"------fuzz\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        multipart.Append("------fuzz--\r\n");
        return
        [
            LeadRequests.UrlEncoded(fields).Body,
            LeadRequests.Json(fields).Body,
            Encoding.UTF8.GetBytes(multipart.ToString()),
            "email=ada%40example.com"u8.ToArray(),
            "{\"email\":\"ada@example.com\"}"u8.ToArray(),
            "decision=reject&reason=other&note=Not+now"u8.ToArray(),
            "decision=accept"u8.ToArray(),
            [],
        ];
    }

    /// <summary>A seed body, a content type, and up to six mutations: flip, insert, delete, duplicate.</summary>
    private static readonly Gen<(int Seed, int Type, (int Kind, int At, int Arg)[] Mutations)> Bodies =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, ContentTypes.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 4000], Gen.Int[0, 255]).Array[0, 6]);

    private static byte[] Mutate(byte[] seed, (int Kind, int At, int Arg)[] mutations)
    {
        var body = new List<byte>(seed);
        foreach (var (kind, at, arg) in mutations)
        {
            var i = body.Count == 0 ? 0 : at % (body.Count + 1);
            switch (kind)
            {
                case 0 when i < body.Count: body[i] ^= (byte)(1 << (arg % 8)); break;
                case 1: body.InsertRange(i, Interesting[arg % Interesting.Length]); break;
                case 2 when i < body.Count: body.RemoveRange(i, Math.Min(1 + arg % 16, body.Count - i)); break;
                case 3 when i < body.Count: body.InsertRange(i, body.GetRange(i, Math.Min(1 + arg % 64, body.Count - i))); break;
            }
        }
        return [.. body];
    }

    [Fact]
    public async Task Twenty_thousand_mutated_bodies_never_get_a_5xx_or_an_exception()
    {
        await using var week = BatchScenario.Create(azurite.ConnectionString, s => s["Intake:RateLimitPermits"] = "1000000");
        await week.AddLeadAsync("a@alpha.example", "Alpha");
        week.App.Time.SetUtcNow(BatchScenario.CutOff.AddMinutes(1));
        await week.RunBatchAsync();
        var qualify = QualificationDriver.Target(week.QualifyLinks("rita@example.com").First());
        var corpus = Corpus();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        async Task Post(string endpoint, (int Seed, int Type, (int Kind, int At, int Arg)[] Mutations) input)
        {
            var request = new TestRequest("POST", ContentTypes[input.Type], Mutate(corpus[input.Seed], input.Mutations));
            var response = endpoint switch
            {
                "intake" => await week.App.PostAsync(request),
                "withdraw" => await week.App.SendAsync(request with { Target = "/api/privacy/withdraw" }, r => week.App.Function<WithdrawConsent>().Run(r, CancellationToken.None)),
                _ => await week.App.SendAsync(request with { Target = qualify }, r => week.App.Function<LeadHandoff.Functions.Qualification.QualifyLead>().Run(r, CancellationToken.None)),
            };
            statuses.AddOrUpdate($"{endpoint} {response.Status}", 1, (_, n) => n + 1);
            if (response.Status >= 500) throw new InvalidOperationException($"{endpoint} answered {response.Status}: {response.Body}");
        }

        await Bodies.SampleAsync(input => Post("intake", input), iter: 8000, threads: 2);
        await Bodies.SampleAsync(input => Post("withdraw", input), iter: 6000, threads: 2);
        await Bodies.SampleAsync(input => Post("decision", input), iter: 6000, threads: 2);

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.Equal(20_000, statuses.Values.Sum());
        Assert.DoesNotContain(statuses.Keys, k => k.EndsWith(" 500", StringComparison.Ordinal));
    }
}
