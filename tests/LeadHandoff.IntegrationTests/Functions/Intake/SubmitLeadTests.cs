using System.Text.Json;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class SubmitLeadTests(AzuriteFixture azurite)
{
    private TestApp App(Action<Dictionary<string, string?>>? configure = null) => TestApp.Create(azurite.ConnectionString, configure);

    [Fact]
    public async Task A_json_post_gets_201_with_the_id_of_the_stored_lead()
    {
        await using var app = App();

        var response = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));

        Assert.Equal(201, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var id = JsonDocument.Parse(response.Body).RootElement.GetProperty("id").GetString();
        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(id, lead.Id);
        Assert.Equal("ada@example.com", lead.Details.Email);
        Assert.Equal("Software", lead.Details.Segment.Sector);
        Assert.Equal("11-50", lead.Details.Segment.SizeBand);
        Assert.Equal("pricing-guide", lead.Details.Source.Offer);
        Assert.Equal("newsletter", lead.Details.Source.UtmSource);
        Assert.Equal("spring", lead.Details.Source.UtmCampaign);
        Assert.Equal(1, lead.SubmissionCount);
        Assert.Equal(app.Time.GetUtcNow(), lead.FirstReceivedAt);
    }

    [Fact]
    public async Task A_urlencoded_form_post_is_stored_and_redirected_303_to_the_thank_you_page()
    {
        await using var app = App();

        var response = await app.PostAsync(LeadRequests.UrlEncoded(LeadRequests.Valid()));

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/thanks", response.Header("Location"));
        Assert.Equal("ada@example.com", Assert.Single(await app.LeadsAsync()).Details.Email);
    }

    [Fact]
    public async Task Without_a_thank_you_url_a_form_post_lands_on_the_apps_own_thank_you_page()
    {
        await using var app = App(s => s["Intake:ThankYouUrl"] = "");

        var response = await app.PostAsync(LeadRequests.UrlEncoded(LeadRequests.Valid()));
        var page = await FollowToThankYouPageAsync(app, response);

        Assert.Equal(303, response.Status);
        Assert.Equal("/api/thanks", response.Header("Location"));
        Assert.Single(await app.LeadsAsync());
        Assert.Equal(200, page.Status);
        Assert.Contains("<h1>Thank you</h1>", page.Body);
        Assert.Equal("no-store", page.Header("Cache-Control"));
    }

    [Fact]
    public async Task A_thai_form_lands_on_a_thai_thank_you_page()
    {
        await using var app = App(s => s["Intake:ThankYouUrl"] = "");
        var fields = LeadRequests.Valid();
        fields["lang"] = "th";

        var response = await app.PostAsync(LeadRequests.UrlEncoded(fields));
        var page = await FollowToThankYouPageAsync(app, response);

        Assert.Equal("/api/thanks?lang=th", response.Header("Location"));
        Assert.Contains("<html lang=\"th\">", page.Body);
        Assert.Contains("<h1>ขอบคุณ</h1>", page.Body);
        Assert.Contains("ได้รับข้อมูลของคุณแล้ว", page.Body);
        Assert.DoesNotContain("Thank you", page.Body);
    }

    [Fact]
    public async Task A_multipart_form_post_is_stored_and_redirected_303_to_the_thank_you_page()
    {
        await using var app = App();

        var response = await app.PostAsync(LeadRequests.Multipart(LeadRequests.Valid()));

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/thanks", response.Header("Location"));
        Assert.Equal("Analytical Engines Ltd", Assert.Single(await app.LeadsAsync()).Details.Company);
    }

    [Fact]
    public async Task A_form_with_an_allowed_redirect_goes_there()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["redirect"] = "https://www.example.com/thanks/whitepaper";

        var response = await app.PostAsync(LeadRequests.UrlEncoded(fields));

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/thanks/whitepaper", response.Header("Location"));
    }

    [Fact]
    public async Task An_open_redirect_is_refused_and_nothing_is_stored()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["redirect"] = "https://evil.example/phish";

        var response = await app.PostAsync(LeadRequests.UrlEncoded(fields));

        Assert.Equal(400, response.Status);
        Assert.Null(response.Header("Location"));
        Assert.Contains("<li>Redirect must be a URL on an allowed site.</li>", response.Body);
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task Invalid_json_gets_a_problem_with_an_error_for_each_bad_field()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["email"] = "not-an-email";
        fields["company"] = "Acme\r\nBcc: x@example.com";
        fields.Remove("sector");

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>();
        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["email"] = ["Email must be a valid email address."],
                ["company"] = ["Company must be a single line."],
                ["sector"] = ["Sector is required."],
            },
            errors);
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task An_invalid_browser_post_gets_an_html_page_listing_the_errors_encoded()
    {
        await using var app = App(s => s["Intake:Sectors:0"] = "<b>Software</b>");
        var fields = LeadRequests.Valid();
        fields["sector"] = "Mining";

        var response = await app.PostAsync(LeadRequests.UrlEncoded(fields));

        Assert.Equal(400, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("Sector must be one of: &lt;b&gt;Software&lt;/b&gt;, Manufacturing, Retail.", response.Body);
        Assert.DoesNotContain("<b>", response.Body);
    }

    [Fact]
    public async Task An_invalid_browser_post_is_sent_to_the_error_url_with_field_names_only()
    {
        await using var app = App(s => s["Intake:ErrorUrl"] = "https://www.example.com/form-error");
        var fields = LeadRequests.Valid();
        fields["email"] = "ada";
        fields["name"] = "";

        var response = await app.PostAsync(LeadRequests.UrlEncoded(fields));

        Assert.Equal(303, response.Status);
        Assert.Equal("https://www.example.com/form-error?errors=name%2Cemail", response.Header("Location"));
    }

    [Fact]
    public async Task A_body_over_64_KiB_gets_413_and_nothing_is_stored()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["padding"] = new string('x', 64 * 1024);

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(413, response.Status);
        Assert.Equal("Payload too large", JsonDocument.Parse(response.Body).RootElement.GetProperty("title").GetString());
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task A_form_too_large_to_read_answers_in_the_browsers_language_since_its_own_is_unread()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["message"] = new string('ก', 40 * 1024); // 120 KiB of Thai in UTF-8
        var thai = LeadRequests.UrlEncoded(fields);

        var response = await app.PostAsync(thai with { Headers = new(thai.Headers, StringComparer.OrdinalIgnoreCase) { ["Accept-Language"] = "th-TH,th;q=0.9" } });
        var page = System.Net.WebUtility.HtmlDecode(response.Body);

        Assert.Equal(413, response.Status);
        Assert.Contains("<html lang=\"th\">", response.Body);
        Assert.Contains("<h1>ข้อมูลมากเกินไป</h1>", page);
        Assert.Contains("แบบฟอร์มมีข้อมูลเกิน 65536 ไบต์", page);
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task A_body_longer_than_its_content_length_claims_is_still_cut_at_64_KiB()
    {
        await using var app = App();
        // A valid lead padded past the limit: if the cut failed, a lead would be stored.
        var request = LeadRequests.UrlEncoded(new Dictionary<string, string>(LeadRequests.Valid()) { ["padding"] = new string('x', 70 * 1024) });
        var lying = request with { Headers = new(StringComparer.OrdinalIgnoreCase) };

        var response = await app.SendAsync(lying, async http =>
        {
            http.ContentLength = null; // chunked: no length up front
            return await app.Function<LeadHandoff.Functions.Intake.SubmitLead>().Run(http, CancellationToken.None);
        });

        Assert.Equal(413, response.Status);
        Assert.Empty(await app.LeadsAsync());
        Assert.Empty(await app.FlaggedAsync());
    }

    [Fact]
    public async Task An_unsupported_content_type_gets_415()
    {
        await using var app = App();

        // A complete, valid form body under the wrong type: it must not be read anyway.
        var body = LeadRequests.UrlEncoded(LeadRequests.Valid());
        var response = await app.PostAsync(body with { ContentType = "text/plain" });

        Assert.Equal(415, response.Status);
        Assert.Empty(await app.LeadsAsync());
        Assert.Empty(await app.FlaggedAsync());
    }

    [Fact]
    public async Task A_thai_form_with_mistakes_gets_its_error_page_in_thai_naming_each_field_in_thai()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["lang"] = "th";
        fields["email"] = "not-an-email";
        fields.Remove("company");
        fields["sector"] = "Mining";

        var response = await app.PostAsync(LeadRequests.UrlEncoded(fields));
        var body = System.Net.WebUtility.HtmlDecode(response.Body);

        Assert.Equal(400, response.Status);
        Assert.Contains("<html lang=\"th\">", response.Body);
        Assert.Contains("<h1>โปรดตรวจสอบแบบฟอร์ม</h1>", body);
        Assert.Contains("<li>อีเมลต้องเป็นที่อยู่อีเมลที่ถูกต้อง</li>", body);
        Assert.Contains("<li>กรุณาระบุบริษัท</li>", body);
        Assert.Contains("<li>อุตสาหกรรมต้องเป็นหนึ่งใน: Software, Manufacturing, Retail</li>", body);
        Assert.Contains("ข้อมูลที่คุณกรอกไว้ยังอยู่ครบ", body);
        Assert.DoesNotContain("must", body);
        Assert.DoesNotContain("required", body);
        Assert.DoesNotContain("Please check", body);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task A_thai_fetch_with_mistakes_still_gets_its_problem_in_english_for_the_developer()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["lang"] = "th";
        fields.Remove("company");

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(400, response.Status);
        var errors = JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>();
        Assert.Equal(["Company is required."], errors!["company"]);
    }

    [Fact]
    public async Task Malformed_json_gets_400_naming_the_body()
    {
        await using var app = App();

        var response = await app.PostAsync(LeadRequests.Raw("application/json", "{\"name\": "));

        Assert.Equal(400, response.Status);
        var errors = JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>();
        Assert.Equal(["The body is not valid JSON."], errors!["body"]);
    }

    [Fact]
    public async Task A_known_json_field_holding_an_object_is_named()
    {
        await using var app = App();

        var response = await app.PostAsync(LeadRequests.Raw("application/json", "{\"email\": {\"x\": 1}}"));

        Assert.Equal(400, response.Status);
        var errors = JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>();
        Assert.Equal(["email must be a string, number or boolean."], errors!["email"]);
    }

    [Fact]
    public async Task More_than_50_fields_are_refused()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        for (var i = 0; i < 50; i++) fields[$"extra{i}"] = "x";

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(400, response.Status);
        var errors = JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>();
        Assert.Equal(["The form has more than 50 fields."], errors!["body"]);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["favourite_colour"] = "cerulean-unknown-field";

        var response = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(201, response.Status);
        var lead = Assert.Single(await app.LeadsAsync());
        Assert.Equal(("Ada Lovelace", "ada@example.com", "We would like a demo."), (lead.Details.Name, lead.Details.Email, lead.Details.Message));
        Assert.DoesNotContain(await TableScan.AllRowsAsync(app), t => t.Value.Any(r => r.Contains("cerulean", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("filled")]
    [InlineData("missing")]
    public async Task A_tripped_honeypot_gets_the_success_answer_but_is_stored_as_spam_not_as_a_lead(string honeypot)
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        if (honeypot == "filled") fields["lh_trap"] = "http://cheap-pills.example";
        else fields.Remove("lh_trap");

        var form = await app.PostAsync(LeadRequests.UrlEncoded(fields));
        var json = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(303, form.Status);
        Assert.Equal("https://www.example.com/thanks", form.Header("Location"));
        Assert.Equal(201, json.Status);
        Assert.True(JsonDocument.Parse(json.Body).RootElement.TryGetProperty("id", out _));
        Assert.Empty(await app.LeadsAsync());
        var flagged = await app.FlaggedAsync();
        Assert.Equal(2, flagged.Count);
        Assert.All(flagged, f =>
        {
            Assert.Equal(LeadHandoff.Leads.FlagKind.Spam, f.Kind);
            Assert.Equal($"honeypot-{honeypot}", f.Reason);
        });
    }

    [Fact]
    public async Task An_address_with_an_invisible_character_is_refused_naming_the_field()
    {
        await using var app = App();
        var fields = LeadRequests.Valid("ad\u200Ba@example.com");

        var json = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(400, json.Status);
        Assert.Contains("Email has an invisible character (such as a zero-width space) in it", json.Body);
        Assert.Empty(await app.LeadsAsync());
    }

    [Theory]
    [InlineData("company", "PаyPаl", "lookalike-company")] // Cyrillic а among Latin letters
    [InlineData("email", "ada@exаmple.com", "lookalike-email")]
    public async Task Look_alike_text_is_held_for_review_with_its_reason_not_refused(string field, string value, string reason)
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields[field] = value;

        var json = await app.PostAsync(LeadRequests.Json(fields));

        Assert.Equal(201, json.Status); // the same answer as a lead: the sender learns nothing
        Assert.Empty(await app.LeadsAsync());
        var held = Assert.Single(await app.FlaggedAsync());
        Assert.Equal((LeadHandoff.Leads.FlagKind.Quarantined, reason), (held.Kind, held.Reason));
        Assert.Contains("mixes scripts", LeadHandoff.Leads.FlagReasons.Describe(reason));
    }

    [Theory]
    [InlineData(1, "too-fast")]
    [InlineData(5, null)]
    public async Task A_form_filled_faster_than_a_person_could_is_held_by_its_signed_stamp(int secondsToFill, string? heldFor)
    {
        await using var app = App();
        var stamp = app.Get<LeadHandoff.Intake.FormStamps>().Issue();
        app.Time.Advance(TimeSpan.FromSeconds(secondsToFill));
        var fields = LeadRequests.Valid();
        fields["lh_stamp"] = stamp;

        Assert.Equal(303, (await app.PostAsync(LeadRequests.UrlEncoded(fields))).Status);

        if (heldFor is null) Assert.Single(await app.LeadsAsync());
        else Assert.Equal(heldFor, Assert.Single(await app.FlaggedAsync()).Reason);
    }

    [Fact]
    public async Task A_stamp_the_sender_made_is_held_and_a_missing_one_only_when_required()
    {
        await using var app = App(s => s["Intake:RequireStamp"] = "true");
        var forged = LeadRequests.Valid("forged@example.com");
        forged["lh_stamp"] = "k1.MTIzNDU2Nzg5.AAAA";

        await app.PostAsync(LeadRequests.UrlEncoded(forged));
        await app.PostAsync(LeadRequests.UrlEncoded(LeadRequests.Valid("nostamp@example.com")));

        Assert.Equal(["stamp-invalid", "stamp-missing"], (await app.FlaggedAsync()).Select(f => f.Reason).Order(StringComparer.Ordinal));
        Assert.Empty(await app.LeadsAsync());
    }

    [Fact]
    public async Task The_stamp_comes_as_json_or_as_a_script_that_fills_the_field_and_is_never_cached()
    {
        await using var app = App();
        var json = await app.GetAsync("/api/form-stamp", http => Task.FromResult(app.Function<LeadHandoff.Functions.Intake.FormStamp>().Run(http)));
        var script = await app.GetAsync("/api/form-stamp?format=js", http => Task.FromResult(app.Function<LeadHandoff.Functions.Intake.FormStamp>().Run(http)));

        var stamp = JsonDocument.Parse(json.Body).RootElement.GetProperty("stamp").GetString()!;
        Assert.Null(app.Get<LeadHandoff.Intake.FormStamps>().Suspect(null)); // not required by default
        app.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(app.Get<LeadHandoff.Intake.FormStamps>().Suspect(stamp));
        Assert.Equal("no-store", json.Header("Cache-Control"));
        Assert.StartsWith("text/javascript", script.Header("Content-Type"));
        Assert.Contains("input[name=\"lh_stamp\"]", script.Body);
    }

    [Fact]
    public async Task A_thai_company_with_a_latin_name_is_an_ordinary_lead()
    {
        await using var app = App();
        var fields = LeadRequests.Valid("somchai@example.co.th", "สมชาย ใจดี");
        fields["company"] = "บริษัท ABC จำกัด";

        Assert.Equal(201, (await app.PostAsync(LeadRequests.Json(fields))).Status);

        Assert.Equal("บริษัท ABC จำกัด", Assert.Single(await app.LeadsAsync()).Details.Company);
        Assert.Empty(await app.FlaggedAsync());
    }

    [Fact]
    public async Task A_flagged_submission_too_large_for_one_property_is_stored_cut_and_marked_not_refused()
    {
        await using var app = App();
        var fields = LeadRequests.Valid();
        fields["lh_trap"] = "http://bot.example"; // spam: every field is kept for review
        // Characters outside the BMP take 12 characters each in JSON: 2,000 of them in the message and
        // 100 in each of 40 extra fields make about 70,000, over a property's 32,768.
        fields["message"] = string.Concat(Enumerable.Repeat("\U0001F600", 2000));
        for (var i = 0; i < 38; i++) fields[$"extra_{i}"] = string.Concat(Enumerable.Repeat("\U0001F680", 100));

        var request = LeadRequests.Multipart(fields); // raw UTF-8: four bytes a character, well under the body limit
        Assert.InRange(request.Body.Length, 20_000, LeadHandoff.Intake.LeadFields.MaxBodyBytes);
        request.Headers["Accept"] = "application/json";

        var response = await app.PostAsync(request);

        Assert.Equal(201, response.Status);
        var flagged = Assert.Single(await app.FlaggedAsync());
        Assert.Equal("the submission was cut to fit Table Storage's 64 KiB property limit", flagged.Fields[LeadHandoff.Leads.FlaggedEntity.TruncatedMarker]);
        Assert.Equal("ada@example.com", flagged.Fields["email"]);
        Assert.True(System.Text.Json.JsonSerializer.Serialize(flagged.Fields).Length > 20_000);
        Assert.DoesNotContain("Table Storage unavailable", app.Logs.All);
    }

    [Fact]
    public async Task The_rate_limit_refuses_a_client_over_its_permits_with_429_and_lets_others_through()
    {
        await using var app = App(s => s["Intake:RateLimitPermits"] = "3");

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await app.PostAsync(LeadRequests.Json(LeadRequests.Valid($"p{i}@example.com"), ip: "198.51.100.7"))).Status);
        var limited = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid("late@example.com"), ip: "198.51.100.7"));
        var other = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid("other@example.com"), ip: "198.51.100.8"));
        app.Time.Advance(TimeSpan.FromSeconds(60));
        var afterWindow = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid("later@example.com"), ip: "198.51.100.7"));

        Assert.Equal([201, 201, 201, 429], statuses);
        Assert.Equal(429, limited.Status);
        Assert.Equal("60", limited.Header("Retry-After"));
        Assert.Equal(201, other.Status);
        Assert.Equal(201, afterWindow.Status);
        Assert.Equal(5, (await app.LeadsAsync()).Count);
    }

    [Fact]
    public async Task The_rate_limit_counts_the_address_the_platform_saw_and_never_an_x_forwarded_for_the_client_wrote()
    {
        await using var app = App(s => s["Intake:RateLimitPermits"] = "5");

        var statuses = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            // A new "client" in the header each time, from the same real address. (Under the real
            // host the header never even arrives: the end-to-end test shows the same result.)
            var request = LeadRequests.Json(LeadRequests.Valid($"p{i}@example.com"), ip: "203.0.113.9");
            request.Headers["X-Forwarded-For"] = $"10.{i}.{i}.{i}";
            statuses.Add((await app.PostAsync(request)).Status);
        }
        var other = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid("other@example.com"), ip: "203.0.113.10"));

        Assert.Equal(5, statuses.Count(s => s == 201));
        Assert.Equal(25, statuses.Count(s => s == 429));
        Assert.Equal(201, other.Status);
    }

    [Fact]
    public async Task Behind_a_front_door_of_ours_the_client_is_the_proxys_client_header()
    {
        await using var app = App(s => { s["Intake:RateLimitPermits"] = "1"; s["Intake:ClientAddressHeader"] = "X-Azure-ClientIP"; });
        TestRequest Via(string client, string email)
        {
            var request = LeadRequests.Json(LeadRequests.Valid(email), ip: "147.243.2.10"); // every request comes from the proxy
            request.Headers["X-Azure-ClientIP"] = client;
            return request;
        }

        var first = await app.PostAsync(Via("192.0.2.1", "a@example.com"));
        var second = await app.PostAsync(Via("192.0.2.1", "b@example.com"));
        var third = await app.PostAsync(Via("192.0.2.2", "c@example.com"));

        Assert.Equal([201, 429, 201], new[] { first.Status, second.Status, third.Status });
    }

    [Fact]
    public async Task When_storage_is_down_the_answer_is_503_with_retry_after_and_no_acknowledgement()
    {
        await using var app = TestApp.Create(
            TestSettings.UnreachableStorage(),
            s => s["Storage:MaxRetries"] = "0");

        var json = await app.PostAsync(LeadRequests.Json(LeadRequests.Valid()));
        var form = await app.PostAsync(LeadRequests.UrlEncoded(LeadRequests.Valid()));

        Assert.Equal(503, json.Status);
        Assert.Equal("30", json.Header("Retry-After"));
        Assert.Equal("application/problem+json; charset=utf-8", json.ContentType);
        Assert.Equal(503, form.Status);
        Assert.Null(form.Header("Location"));
        Assert.Contains("could not be saved", form.Body);
    }

    [Fact]
    public async Task No_submitted_email_name_or_phone_appears_in_the_logs()
    {
        await using var app = App(s => s["Intake:RateLimitPermits"] = "6");
        await using var down = TestApp.Create(
            TestSettings.UnreachableStorage(),
            s => s["Storage:MaxRetries"] = "0");
        var valid = LeadRequests.Valid("grace.hopper@navy.example", "Grace Hopper");
        valid["phone"] = "+1 555 867 5309";
        var invalid = new Dictionary<string, string>(valid) { ["email"] = "grace.hopper@", ["company"] = "Navy\r\nGrace Hopper" };
        var spam = new Dictionary<string, string>(valid) { ["lh_trap"] = "filled" };

        await app.PostAsync(LeadRequests.Json(valid));
        await app.PostAsync(LeadRequests.UrlEncoded(valid));
        await app.PostAsync(LeadRequests.Json(invalid));
        await app.PostAsync(LeadRequests.Json(spam));
        for (var i = 0; i < 4; i++) await app.PostAsync(LeadRequests.Json(valid)); // runs into the rate limit
        await down.PostAsync(LeadRequests.Json(valid));

        var logs = app.Logs.All + "\n" + down.Logs.All;
        Assert.Contains("stored in window", logs);
        Assert.Contains("Table Storage unavailable", logs);
        foreach (var secret in new[] { "grace.hopper", "Grace Hopper", "Hopper", "555 867 5309", "8675309" })
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Where a browser goes next: the redirect's Location, answered by the app's thank-you page.</summary>
    private static Task<TestResponse> FollowToThankYouPageAsync(TestApp app, TestResponse redirect) =>
        app.SendAsync(new TestRequest("GET", null, []) { Target = redirect.Header("Location")! }, r => Task.FromResult(app.Function<LeadHandoff.Functions.Intake.ThankYouPage>().Run(r)));
}
