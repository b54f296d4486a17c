using System.Text.Json;

namespace LeadHandoff.Tests.Build;

/// <summary>What the host will read from the build output: host.json and the generated function metadata.</summary>
public sealed class FunctionMetadataTests
{
    private static string OutputFile(string name)
    {
        var path = Path.Combine(FunctionAppOutput.Path, name);
        Assert.True(File.Exists(path), $"{name} is missing from the build output {FunctionAppOutput.Path}");
        return path;
    }

    private static JsonElement Function(string name) =>
        JsonDocument.Parse(File.ReadAllText(OutputFile("functions.metadata"))).RootElement
            .EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    [Fact]
    public void The_build_output_holds_the_root_host_json()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllText(OutputFile("host.json")));
    }

    /// <summary>Every function the app has: trigger, auth level, methods, and route or schedule setting.</summary>
    public static readonly TheoryData<string, string, string?, string, string> Expected = new()
    {
        { "SubmitLead", "httpTrigger", "anonymous", "post", "leads" },
        { "QualifyLead", "httpTrigger", "anonymous", "get,head,post", "qualify" },
        { "QualifyBatch", "httpTrigger", "anonymous", "get,head,post", "batch" },
        { "RunWeeklyBatch", "timerTrigger", null, "", "%BatchSchedule%" },
        { "EnforceDeadline", "timerTrigger", null, "", "%DeadlineSchedule%" },
        { "GetScorecard", "httpTrigger", "function", "get", "scorecard" },
        { "ErasePersonalData", "httpTrigger", "admin", "post", "privacy/erase" },
        { "ExportPersonalData", "httpTrigger", "admin", "post", "privacy/export" },
        { "PurgeExpiredLeads", "timerTrigger", null, "", "%PurgeSchedule%" },
        { "SweepHotLeads", "timerTrigger", null, "", "%HotLaneSchedule%" },
        { "SendWithdrawalEmails", "timerTrigger", null, "", "%WithdrawalSchedule%" },
        { "CheckPace", "timerTrigger", null, "", "%PaceSchedule%" },
        { "DeliverWebhooks", "timerTrigger", null, "", "%WebhookSchedule%" },
        { "ReconcileWebhooks", "timerTrigger", null, "", "%WebhookReconcileSchedule%" },
        { "WebhookAdmin", "httpTrigger", "function", "get,post", "webhooks" },
        { "WithdrawConsent", "httpTrigger", "anonymous", "get,head,post", "privacy/withdraw" },
        { "AcceptInvitation", "httpTrigger", "anonymous", "get,post", "staff-invitation" },
        { "GetAgreement", "httpTrigger", "function", "get", "agreement" },
        { "AnswerProposal", "httpTrigger", "anonymous", "get,post", "agreement/answer" },
        { "AgreementProposals", "httpTrigger", "function", "post", "agreement/proposals/{id?}/{step?}" },
        { "ThankYouPage", "httpTrigger", "anonymous", "get,head", "thanks" },
        { "FormStamp", "httpTrigger", "anonymous", "get", "form-stamp" },
        { "ReviewQueue", "httpTrigger", "function", "get,post", "review" },
        { "SubmitIntegrationLead", "httpTrigger", "function", "post", "integrations/leads" },
        { "ExportLeads", "httpTrigger", "function", "get", "leads/export" },
        { "ImportLeads", "httpTrigger", "function", "post", "leads/import" },
        { "TeamPage", "httpTrigger", "anonymous", "get,head,post", "team" },
        { "TeamAdmin", "httpTrigger", "function", "get,post", "team/roster" },
        { "StaffPages", "httpTrigger", "anonymous", "get,post", "staff/{page?}" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_function_has_its_trigger_auth_level_and_route_or_schedule(string name, string trigger, string? authLevel, string methods, string routeOrSchedule)
    {
        var binding = Function(name).GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        if (trigger == "httpTrigger")
        {
            Assert.Equal(authLevel, binding.GetProperty("authLevel").GetString(), ignoreCase: true);
            Assert.Equal(methods, string.Join(",", binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString())));
            Assert.Equal(routeOrSchedule, binding.GetProperty("route").GetString());
        }
        else
        {
            Assert.Equal(routeOrSchedule, binding.GetProperty("schedule").GetString());
        }
    }

    [Fact]
    public void The_app_has_no_function_the_expectation_does_not_list()
    {
        var names = JsonDocument.Parse(File.ReadAllText(OutputFile("functions.metadata"))).RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order();

        Assert.Equal(Expected.Select(row => (string)row[0]).Order(), names);
    }

    [Fact]
    public void SubmitLead_is_an_anonymous_post_http_trigger_on_route_leads()
    {
        var trigger = Function("SubmitLead").GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("leads", trigger.GetProperty("route").GetString());
    }
}
