using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeadHandoff.Tests.Infra;

/// <summary>
/// The alerts as Azure will run them: the template compiled with a parameter file for a Tuesday
/// 10:30 batch in Bangkok with a holiday, and each alert's query evaluated from the template's
/// own expressions.
/// </summary>
[Trait("Category", "Infra")]
public sealed partial class AlertQueryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> SecretEnvironment = new()
    {
        ["SENDGRID_API_KEY"] = "SG.not-a-real-key",
    };

    [Fact]
    public async Task Each_alert_query_follows_the_batch_day_time_zone_and_holidays_it_was_built_from()
    {
        var queries = await AlertQueriesAsync(new()
        {
            ["batchDay"] = "'Tuesday'",
            ["batchTime"] = "'10:30'",
            ["timeZone"] = "'Asia/Bangkok'",
            ["holidays"] = "['2026-12-29']",
        });

        var batch = queries["batch-not-sent"];
        foreach (var (name, query) in queries) output.WriteLine($"{name}:\n{query}");
        Assert.Contains("datetime_utc_to_local(now(), 'Asia/Bangkok')", batch);
        Assert.Contains("dayofweek(local) == 2d and hourofday(local) == 11", batch); // Tuesday; an hour after 10:30
        Assert.Contains("let holidays = dynamic([\"2026-12-29\"]);", batch);
        Assert.Contains("not(format_datetime(local, 'yyyy-MM-dd') in (holidays))", batch);
        Assert.Contains("where message startswith \"BatchSent\"", batch);
        Assert.Contains("where message has \"could not be delivered\"", queries["email-undelivered"]);
        Assert.Contains("where quarantined > 20", queries["quarantine-spike"]);
        Assert.Contains("where message has \"flagged as Quarantined\"", queries["quarantine-spike"]);
        Assert.Contains("where message has \"Webhook subscription\" and message has \"disabled\"", queries["webhook-disabled"]);
        Assert.Equal(["batch-not-sent", "email-undelivered", "function-failures", "quarantine-spike", "webhook-disabled"], queries.Keys.Order());
    }

    [Fact]
    public async Task A_monday_batch_with_no_holidays_alerts_on_monday_at_the_hour_after()
    {
        var queries = await AlertQueriesAsync(new() { ["batchDay"] = "'Monday'", ["batchTime"] = "'09:00'", ["timeZone"] = "'Europe/London'", ["holidays"] = "[]" });

        Assert.Contains("dayofweek(local) == 1d and hourofday(local) == 10", queries["batch-not-sent"]);
        Assert.Contains("let holidays = dynamic([]);", queries["batch-not-sent"]);
    }

    [Fact]
    public void The_deploy_workflow_deploys_only_the_commit_whose_ci_passed()
    {
        var workflow = File.ReadAllText(Path.Combine(LeadHandoff.Testing.RepositoryRoot.Path, ".github", "workflows", "deploy.yml"));
        var ci = File.ReadAllText(Path.Combine(LeadHandoff.Testing.RepositoryRoot.Path, ".github", "workflows", "ci.yml"));

        Assert.StartsWith("name: CI\n", ci);
        Assert.Contains("  workflow_run:\n    workflows: [CI]\n    types: [completed]\n    branches: [main]\n", workflow);
        Assert.DoesNotContain("\n  push:", workflow);
        Assert.Contains("if: github.event_name == 'workflow_dispatch' || github.event.workflow_run.conclusion == 'success'", workflow);
        Assert.Contains("ref: ${{ github.event.workflow_run.head_sha || github.sha }}", workflow);
    }

    [Theory]
    [InlineData("could not be delivered", "src/LeadHandoff/Email/EmailDelivery.cs")]
    [InlineData("flagged as {Kind}", "src/LeadHandoff/Intake/LeadIntakeService.cs")]
    [InlineData("Message = \"BatchSent {WindowId}", "src/LeadHandoff/Batches/WeeklyBatchService.cs")]
    [InlineData("Message = \"Webhook subscription {SubscriptionId} disabled", "src/LeadHandoff/Webhooks/WebhookDispatcher.cs")]
    public void The_log_lines_the_alerts_look_for_are_the_ones_the_app_writes(string phrase, string file)
    {
        Assert.Contains(phrase, File.ReadAllText(Path.Combine(LeadHandoff.Testing.RepositoryRoot.Path, file)));
    }

    /// <summary>Builds the parameters with <paramref name="overrides"/> (Bicep literals), then evaluates every scheduled query rule's query.</summary>
    private static async Task<Dictionary<string, string>> AlertQueriesAsync(Dictionary<string, string> overrides)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(BicepCli.InfraFolder, "main.bicepparam"));
        var lines = source.Split('\n').Where(l => !overrides.Keys.Any(k => Regex.IsMatch(l, $@"^param {k}\b"))).ToList();
        lines.AddRange(overrides.Select(o => $"param {o.Key} = {o.Value}"));
        var file = Path.Combine(BicepCli.InfraFolder, $"alerts-test-{Guid.NewGuid():N}.bicepparam");
        await File.WriteAllTextAsync(file, string.Join('\n', lines));
        JsonElement parameters;
        try
        {
            var (exit, output, errors) = await BicepCli.RunAsync(SecretEnvironment, "build-params", Path.GetFileName(file), "--stdout");
            Assert.True(exit == 0, errors);
            parameters = JsonDocument.Parse(JsonDocument.Parse(output).RootElement.GetProperty("parametersJson").GetString()!).RootElement.GetProperty("parameters").Clone();
        }
        finally
        {
            File.Delete(file);
        }

        var main = JsonDocument.Parse(await BicepCli.MainTemplateAsync()).RootElement;
        ArmExpression? mainContext = null;
        mainContext = new ArmExpression(
            name => parameters.TryGetProperty(name, out var given) ? mainContext!.Value(given.GetProperty("value")) : mainContext!.Value(main.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue")),
            name => mainContext!.Value(main.GetProperty("variables").GetProperty(name)));

        var module = Resources(main).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
            && Resources(r.GetProperty("properties").GetProperty("template")).Any(x => x.GetProperty("type").GetString() == "Microsoft.Insights/scheduledQueryRules"));
        var given = module.GetProperty("properties").GetProperty("parameters");
        var template = module.GetProperty("properties").GetProperty("template");
        ArmExpression? moduleContext = null;
        moduleContext = new ArmExpression(
            name => given.TryGetProperty(name, out var value)
                ? mainContext.Value(value.GetProperty("value"))
                : moduleContext!.Value(template.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue")),
            name => moduleContext!.Value(template.GetProperty("variables").GetProperty(name)));

        var queries = new Dictionary<string, string>();
        foreach (var rule in Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Insights/scheduledQueryRules"))
        {
            // Names carry a per-deployment token (uniqueString), so a rule is known by its suffix.
            var name = RuleSuffix().Match(rule.GetProperty("name").GetString()!).Groups[1].Value;
            var query = rule.GetProperty("properties").GetProperty("criteria").GetProperty("allOf")[0].GetProperty("query");
            queries[name] = (string)moduleContext.Value(query)!;
        }
        return queries;
    }

    [GeneratedRegex(@"\{0\}-([a-z-]+)'")]
    private static partial Regex RuleSuffix();

    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
    }
}
