using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeadHandoff.Tests.Infra;

/// <summary>infra/ checked with the real Bicep CLI: it builds, lints clean, and deploys what the app needs, securely.</summary>
[Trait("Category", "Infra")]
public sealed partial class BicepTests
{
    private static readonly Dictionary<string, string> SecretEnvironment = new()
    {
        ["SENDGRID_API_KEY"] = "SG.not-a-real-key",
    };

    [Fact]
    public async Task Main_bicep_builds_without_errors_or_warnings()
    {
        var (exit, output, errors) = await BicepCli.RunAsync(null, "build", "main.bicep", "--stdout");

        Assert.Equal("", errors.Trim());
        Assert.Equal(0, exit);
        Assert.Equal("subscriptionDeploymentTemplate.json", new Uri(JsonDocument.Parse(output).RootElement.GetProperty("$schema").GetString()!).Segments[^1].Split('#')[0]);
    }

    [Fact]
    public async Task The_bicepparam_file_builds()
    {
        var (exit, output, errors) = await BicepCli.RunAsync(SecretEnvironment, "build-params", "main.bicepparam", "--stdout");

        Assert.True(exit == 0, errors);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("parametersJson").GetString()!;
        Assert.Equal("leadhandoff-dev", JsonDocument.Parse(parameters).RootElement.GetProperty("parameters").GetProperty("environmentName").GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_function_app_allows_the_website_origins_as_cors_origins()
    {
        var root = JsonDocument.Parse(await BicepCli.MainTemplateAsync()).RootElement;
        var module = Templates(root).SelectMany(ResourcesOf)
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && ResourcesOf(r.GetProperty("properties").GetProperty("template")).Any(x => x.GetProperty("type").GetString() == "Microsoft.Web/sites"));
        var site = ResourcesOf(module.GetProperty("properties").GetProperty("template")).Single(x => x.GetProperty("type").GetString() == "Microsoft.Web/sites");
        var (exit, output, errors) = await BicepCli.RunAsync(SecretEnvironment, "build-params", "main.bicepparam", "--stdout");
        Assert.True(exit == 0, errors);
        var parameters = JsonDocument.Parse(JsonDocument.Parse(output).RootElement.GetProperty("parametersJson").GetString()!).RootElement.GetProperty("parameters");

        // The site's CORS list is the module's parameter, which main fills from the website origins.
        Assert.Equal("[parameters('allowedOrigins')]", site.GetProperty("properties").GetProperty("siteConfig").GetProperty("cors").GetProperty("allowedOrigins").GetString());
        Assert.Equal("[parameters('websiteOrigins')]", module.GetProperty("properties").GetProperty("parameters").GetProperty("allowedOrigins").GetProperty("value").GetString());
        Assert.Equal(["https://www.example.com"], parameters.GetProperty("websiteOrigins").GetProperty("value").EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task Lint_reports_nothing()
    {
        var (exit, output, errors) = await BicepCli.RunAsync(null, "lint", "main.bicep");

        Assert.Equal(0, exit);
        Assert.Equal("", (output + errors).Trim());
    }

    [Fact]
    public async Task Every_app_setting_names_an_option_that_exists_and_every_required_option_is_set()
    {
        var template = await BicepCli.MainTemplateAsync();
        var names = SettingNames(template);

        var unknown = names.Where(n => !IsPlatformSetting(n) && !OptionsCatalog.Binds(n)).ToList();
        var missing = OptionsCatalog.RequiredGroups()
            .Where(group => !group.Any(required => names.Any(n => n == required || n.StartsWith(required + "__", StringComparison.Ordinal))))
            .Select(group => string.Join(" or ", group))
            .ToList();

        Assert.True(unknown.Count == 0, "App settings that bind to no option: " + string.Join(", ", unknown));
        Assert.True(missing.Count == 0, "Required options the template does not set: " + string.Join("; ", missing));
        Assert.Contains("Storage__TableServiceUri", names);
        Assert.DoesNotContain("Storage__ConnectionString", names);
        Assert.Contains("Intake__Sectors__0", names);
        Assert.Contains("Routing__Owners__0__Email", names);
    }

    [Fact]
    public async Task Every_option_is_set_by_the_template_except_those_the_deploy_doc_lists()
    {
        var names = SettingNames(await BicepCli.MainTemplateAsync());
        bool Sets(string option) => names.Any(n => n == option.Replace(":", "__", StringComparison.Ordinal)
            || n.StartsWith(option.Replace(":", "__", StringComparison.Ordinal) + "__", StringComparison.Ordinal));
        var unset = OptionsCatalog.Leaves().Where(o => !Sets(o)).Order(StringComparer.Ordinal).ToList();

        // docs/deploy.md promises a parameter for every option but the ones it names under this heading.
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "deploy.md"));
        var start = doc.IndexOf("## Options the template does not set", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/deploy.md has no section '## Options the template does not set'");
        var section = doc[start..];
        section = section[..(section.IndexOf("\n## ", 5, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
        var listed = System.Text.RegularExpressions.Regex.Matches(section, @"^- `([A-Za-z:]+)`", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        var notListed = unset.Except(listed).ToList();
        var setAfterAll = listed.Except(unset).ToList();
        Assert.True(notListed.Count == 0, "Options the template does not set, and docs/deploy.md does not list: " + string.Join(", ", notListed));
        Assert.True(setAfterAll.Count == 0, "Options docs/deploy.md lists as not set, which the template sets: " + string.Join(", ", setAfterAll));
    }

    [Fact]
    public async Task Flex_deprecated_settings_are_absent()
    {
        var template = await BicepCli.MainTemplateAsync();

        foreach (var name in new[] { "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_TIME_ZONE", "AzureWebJobsStorage'" })
            Assert.DoesNotContain(name, template);
    }

    [Fact]
    public async Task The_storage_account_refuses_keys_old_tls_and_public_blobs()
    {
        var storage = Resources(await BicepCli.MainTemplateAsync(), "Microsoft.Storage/storageAccounts").Single().GetProperty("properties");

        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(storage.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public async Task Staff_sign_in_is_entra_through_app_service_authentication_that_lets_the_public_through()
    {
        var template = await BicepCli.MainTemplateAsync();
        var auth = Resources(template, "Microsoft.Web/sites/config").Single(r => r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));

        // Only when a registration is named; never a stored secret, only the setting that points at Key Vault.
        Assert.Contains("not(empty(parameters('staffSignInClientId')))", auth.GetProperty("condition").GetString());
        var p = auth.GetProperty("properties");
        Assert.True(p.GetProperty("platform").GetProperty("enabled").GetBoolean());
        // The intake and the signed links are anonymous by design: the app asks for sign-in on its staff pages.
        Assert.False(p.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("AllowAnonymous", p.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        var entra = p.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        Assert.Equal("MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", entra.GetProperty("registration").GetProperty("clientSecretSettingName").GetString());
        Assert.Contains("/v2.0", entra.GetProperty("registration").GetProperty("openIdIssuer").GetString());
        Assert.Contains("'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET', if(empty(parameters('staffSignInClientId')), '', format('{0}StaffSignInClientSecret)', variables('secretRef')))", template);
    }

    [Fact]
    public async Task The_function_app_is_flex_https_only_tls_1_2_no_ftp_and_resolves_secrets_with_its_identity()
    {
        var template = await BicepCli.MainTemplateAsync();
        var site = Resources(template, "Microsoft.Web/sites").Single();
        var properties = site.GetProperty("properties");
        var plan = Resources(template, "Microsoft.Web/serverfarms").Single();

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        Assert.Contains("identityId", properties.GetProperty("keyVaultReferenceIdentity").GetString());
        var config = properties.GetProperty("functionAppConfig");
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("UserAssignedIdentity", config.GetProperty("deployment").GetProperty("storage").GetProperty("authentication").GetProperty("type").GetString());
        Assert.Contains("allowedOrigins", properties.GetProperty("siteConfig").GetProperty("cors").GetProperty("allowedOrigins").GetString());
        Assert.All(Resources(template, "Microsoft.Web/sites/basicPublishingCredentialsPolicies"), p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
        var vault = Resources(template, "Microsoft.KeyVault/vaults").Single().GetProperty("properties");
        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(Resources(template, "Microsoft.Insights/components").Single().GetProperty("properties").GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public async Task No_output_carries_a_secret_and_secret_parameters_are_secure()
    {
        var root = JsonDocument.Parse(await BicepCli.MainTemplateAsync()).RootElement;
        var parameters = root.GetProperty("parameters");

        foreach (var secret in new[] { "sendGridApiKey", "turnstileSecretKey" })
            Assert.Equal("securestring", parameters.GetProperty(secret).GetProperty("type").GetString());
        foreach (var template in Templates(root))
        {
            if (!template.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateObject())
            {
                Assert.DoesNotContain(output.Value.GetProperty("type").GetString()!, new[] { "securestring", "secureObject" });
                var value = output.Value.GetProperty("value").ToString();
                Assert.DoesNotMatch("(?i)sendGridApiKey|linkSigningKey(?!Ids)|turnstileSecretKey|listKeys|ConnectionString", value + (output.Name.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase) ? "ConnectionString" : ""));
            }
        }
        Assert.All(root.GetProperty("outputs").EnumerateObject(), o => Assert.Matches("^[A-Z][A-Z0-9_]*$", o.Name));
    }

    [Fact]
    public async Task The_identity_gets_exactly_the_roles_it_needs_named_by_scope_principal_and_role()
    {
        var root = JsonDocument.Parse(await BicepCli.MainTemplateAsync()).RootElement;
        var assignments = Templates(root).SelectMany(t => ResourcesOf(t).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").Select(r => (Template: t, Resource: r))).ToList();
        // roleDefinitionId is "[subscriptionResourceId(..., variables('x'))]": resolve x in the module's own variables.
        var roles = assignments.Select(a =>
        {
            var expression = a.Resource.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
            var variable = VariableName().Match(expression).Groups[1].Value;
            return a.Template.GetProperty("variables").GetProperty(variable).GetString()!;
        }).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        }, roles);
        Assert.All(assignments, a => Assert.StartsWith("[guid(", a.Resource.GetProperty("name").GetString()));
    }

    /// <summary>App setting names in the compiled template: createObject keys, format patterns, JSON keys.</summary>
    private static HashSet<string> SettingNames(string template) =>
        SingleQuoted().Matches(template).Select(m => m.Groups[1].Value)
            .Concat(JsonKey().Matches(template).Select(m => m.Groups[1].Value))
            .Concat(RootSetting().Matches(template).Select(m => m.Groups[1].Value))
            .Select(n => System.Text.RegularExpressions.Regex.Replace(n, @"\{[0-9]\}", "0")) // format() placeholders: list indexes
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsPlatformSetting(string name) =>
        name.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal) || name.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal)
        || name == "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET"; // read by App Service authentication

    /// <summary>Every resource of a type, in the main template and every nested module template.</summary>
    private static IEnumerable<JsonElement> Resources(string template, string type) =>
        Templates(JsonDocument.Parse(template).RootElement)
            .SelectMany(ResourcesOf)
            .Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase) && !r.TryGetProperty("existing", out _));

    private static IEnumerable<JsonElement> ResourcesOf(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
    }

    private static IEnumerable<JsonElement> Templates(JsonElement template)
    {
        yield return template;
        foreach (var resource in ResourcesOf(template))
        {
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
                foreach (var nested in Templates(resource.GetProperty("properties").GetProperty("template"))) yield return nested;
        }
    }

    [GeneratedRegex(@"'([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9{}]+)+)'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"""([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)"":")]
    private static partial Regex JsonKey();

    [GeneratedRegex(@"'([A-Z][A-Za-z]+Schedule)'")]
    private static partial Regex RootSetting();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableName();
}
