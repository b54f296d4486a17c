using Microsoft.Extensions.DependencyInjection;
using LeadHandoff.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Configuration;

/// <summary>A bad or missing setting stops the app at start-up with a message naming the setting.</summary>
public sealed class StartupValidationTests
{
    private static string StartupError(Action<Dictionary<string, string?>> configure) =>
        Assert.Throws<OptionsValidationException>(() => TestApp.Create("UseDevelopmentStorage=true", configure)).Message;

    [Theory]
    [InlineData("Intake:ThankYouUrl", "/thanks", "Intake:ThankYouUrl must be an absolute http(s) URL when set.")]
    [InlineData("Intake:AllowedRedirectOrigins:0", "https://www.example.com/path", "Intake:AllowedRedirectOrigins entry 'https://www.example.com/path' must be an origin such as https://www.example.com.")]
    [InlineData("Intake:HoneypotField", "email", "Intake:HoneypotField must be set and must not be a lead field's name.")]
    [InlineData("Intake:RateLimitPermits", "0", "Intake:RateLimitPermits must be 1 or more.")]
    [InlineData("Intake:ClientAddressHeader", "X-Forwarded-For", "Intake:ClientAddressHeader cannot be X-Forwarded-For: the Functions host sets that header itself and the worker consumes it, so the platform's address is used already. Leave it empty, or name your proxy's own header (X-Azure-ClientIP).")]
    [InlineData("Intake:ClientAddressHeader", "X Azure ClientIP", "Intake:ClientAddressHeader must be a header name (letters, digits and hyphens), such as X-Azure-ClientIP.")]
    [InlineData("Batch:LeaseMinutes", "121", "Batch:LeaseMinutes must be between 1 and 120.")]
    [InlineData("Sla:WeeklyTarget", "-1", "Sla:WeeklyTarget must be zero or more.")]
    [InlineData("Storage:RetryDelayMilliseconds", "0", "Storage:RetryDelayMilliseconds must be between 1 and 10000.")]
    [InlineData("Sla:TimeZone", "Mars/Olympus_Mons", "Sla:TimeZone 'Mars/Olympus_Mons' is not a known IANA time zone.")]
    [InlineData("Sla:BatchDay", "Thursday", "Sla:DeadlineDay and Sla:DeadlineTime must fall after the batch in the same Monday-to-Sunday week.")]
    [InlineData("Storage:TablePrefix", "1-bad", "Storage:TablePrefix must be 1 to 40 letters or digits, starting with a letter.")]
    [InlineData("Turnstile:VerifyUrl", "not a url", "Turnstile:VerifyUrl must be an absolute http(s) URL.")]
    [InlineData("Storage:ConnectionString", "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=not*base64!;EndpointSuffix=core.windows.net", "Storage:ConnectionString has an AccountKey that is not base64: copy the key again from the storage account.")]
    [InlineData("Storage:ConnectionString", "just some text", "Storage:ConnectionString is not a connection string: expected Name=value pairs separated by semicolons.")]
    public void A_bad_setting_is_named(string key, string value, string message)
    {
        var error = StartupError(s => s[key] = value);
        Assert.Contains(message, error);
        Assert.DoesNotContain("not*base64", error); // a secret is never quoted back
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWtleS1ub3QtZm9yLWxvZ3M=;EndpointSuffix=core.windows.net", "Storage:ConnectionString carries a key, and outside Development (Production) the app uses its managed identity only: set Storage:TableServiceUri instead.")]
    [InlineData("UseDevelopmentStorage=true", "Storage:ConnectionString points at the local storage emulator, which does not exist outside Development (Production): set Storage:TableServiceUri instead.")]
    public void Outside_development_a_keyed_or_emulator_connection_string_is_refused_without_quoting_it(string connectionString, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => TestApp.Create(connectionString, s => s["Webhooks:AllowLocalReceivers"] = "false", overrides: services =>
            services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" }))).Message;

        Assert.Contains(message, error);
        Assert.DoesNotContain("c2VjcmV0", error);
    }

    [Fact]
    public void Outside_development_local_webhook_receivers_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TestApp.Create("DefaultEndpointsProtocol=https;AccountName=acct;EndpointSuffix=core.windows.net", s =>
            {
                s.Remove("Storage:ConnectionString");
                s["Storage:TableServiceUri"] = "https://acct.table.core.windows.net";
            }, overrides: services =>
            services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" }))).Message;

        Assert.Equal("Webhooks:AllowLocalReceivers is for a local receiver in Development, and this is Production: remove it.", error);
    }

    [Fact]
    public void In_development_azurites_key_is_accepted()
    {
        var refused = Record.Exception(() => TestApp.Create("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
            overrides: services => services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" })).DisposeAsync().AsTask().GetAwaiter().GetResult());

        Assert.Null(refused);
    }

    [Fact]
    public void Missing_sectors_are_named()
    {
        Assert.Contains("Intake:Sectors must list at least one sector, none blank.", StartupError(s =>
        {
            foreach (var key in s.Keys.Where(k => k.StartsWith("Intake:Sectors:")).ToList()) s.Remove(key);
        }));
    }

    [Fact]
    public void Both_or_neither_storage_connection_is_refused()
    {
        const string message = "Set exactly one of Storage:ConnectionString (local, Azurite) and Storage:TableServiceUri (Azure, managed identity).";
        Assert.Contains(message, StartupError(s => s["Storage:TableServiceUri"] = "https://acct.table.core.windows.net"));
        Assert.Contains(message, StartupError(s => s["Storage:ConnectionString"] = ""));
    }
}
