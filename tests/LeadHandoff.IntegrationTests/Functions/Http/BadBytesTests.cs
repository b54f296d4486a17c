using System.Text;
using System.Text.Json;
using LeadHandoff.Functions.Privacy;
using LeadHandoff.Tests.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Http;

/// <summary>Bytes that are not text get a 4xx naming the problem on every public POST, and nothing is stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadBytesTests(AzuriteFixture azurite)
{
    private static TestRequest Raw(string contentType, byte[] body, string target = "/api/leads")
    {
        var request = new TestRequest("POST", contentType, body) { Target = target };
        request.Headers["Accept"] = "application/json";
        return request;
    }

    private static byte[] JsonWith(string rawNameValue) =>
        [.. Encoding.UTF8.GetBytes("{\"name\":\"Ada\",\"email\":\"ada@example.com\","), .. Encoding.ASCII.GetBytes(rawNameValue), .. "}"u8.ToArray()];

    public static TheoryData<string, string, byte[], int, string> Cases() => new()
    {
        { "invalid UTF-8 inside a JSON string", "application/json", [.. "{\"name\":\"A"u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()], 400, "name" },
        { "a lone surrogate escape in JSON", "application/json", JsonWith("\"company\":\"Acme \\ud800 Ltd\""), 400, "company" },
        { "a form in UTF-7", "application/x-www-form-urlencoded; charset=utf-7", "name=Ada"u8.ToArray(), 415, "" },
        { "JSON in Latin-1", "application/json; charset=iso-8859-1", "{}"u8.ToArray(), 415, "" },
        { "a %-escape that is not UTF-8", "application/x-www-form-urlencoded", "name=Ad%E9&email=ada%40example.com"u8.ToArray(), 400, "body" },
        { "raw bytes that are not UTF-8 in a form", "application/x-www-form-urlencoded", [.. "name=Ad"u8.ToArray(), 0xFF], 400, "body" },
        { "a multipart part that is not UTF-8", "multipart/form-data; boundary=b", [.. "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAd"u8.ToArray(), 0xFE, .. "\r\n--b--\r\n"u8.ToArray()], 400, "name" },
        { "a multipart body with no boundary", "multipart/form-data", "x"u8.ToArray(), 400, "body" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_intake_answers_bad_bytes_with_a_4xx_naming_the_problem_and_stores_nothing(string why, string contentType, byte[] body, int status, string field)
    {
        await using var app = TestApp.Create(azurite.ConnectionString);

        var response = await app.PostAsync(Raw(contentType, body));

        Assert.True(response.Status == status, $"{why}: {response.Status} {response.Body}");
        if (status == 400) Assert.True(JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").TryGetProperty(field, out _), response.Body);
        else Assert.Contains("UTF-8", JsonDocument.Parse(response.Body).RootElement.GetProperty("detail").GetString());
        Assert.Empty(await app.LeadsAsync());
        Assert.Empty(await app.FlaggedAsync());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Withdraw_erase_and_export_answer_bad_bytes_with_a_4xx(string why, string contentType, byte[] body, int status, string field)
    {
        _ = field;
        await using var app = TestApp.Create(azurite.ConnectionString);

        var withdraw = await app.SendAsync(Raw(contentType, body, "/api/privacy/withdraw"), r => app.Function<WithdrawConsent>().Run(r, CancellationToken.None));
        var erase = await app.SendAsync(Raw(contentType, body, "/api/privacy/erase"), r => app.Function<PersonalDataRequests>().Erase(r, CancellationToken.None));
        var export = await app.SendAsync(Raw(contentType, body, "/api/privacy/export"), r => app.Function<PersonalDataRequests>().Export(r, CancellationToken.None));

        Assert.True(withdraw.Status == status, $"{why}: withdraw {withdraw.Status} {withdraw.Body}");
        Assert.True(erase.Status == status, $"{why}: erase {erase.Status} {erase.Body}");
        Assert.True(export.Status == status, $"{why}: export {export.Status} {export.Body}");
    }

    [Theory]
    [InlineData("name", "Ada \u202ELovelace")]
    [InlineData("company", "\u2066Acme\u2069")]
    public async Task Text_direction_controls_are_refused_in_single_line_fields(string field, string value)
    {
        await using var app = TestApp.Create(azurite.ConnectionString);
        var fields = LeadRequests.Valid();
        fields[field] = value;

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(400, response.Status);
        Assert.Equal([$"{(field == "name" ? "Name" : "Company")} must not contain text-direction control characters."],
            JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").GetProperty(field).Deserialize<string[]>()!);
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task A_message_may_hold_text_direction_controls_for_right_to_left_writing()
    {
        await using var app = TestApp.Create(azurite.ConnectionString);
        var fields = LeadRequests.Valid();
        fields["message"] = "\u2067مرحبا\u2069 hello";

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(201, response.Status);
        Assert.Equal("\u2067مرحبا\u2069 hello", Assert.Single(await app.LeadsAsync()).Details.Message);
    }
}
