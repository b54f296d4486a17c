using System.Diagnostics;
using System.Reflection;

namespace LeadHandoff.Tests.Infra;

/// <summary>The real Bicep CLI, restored from NuGet (Azure.Bicep.CommandLine.linux-x64) by the test project.</summary>
public static class BicepCli
{
    public static string Path { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;

    public static string InfraFolder => System.IO.Path.Combine(RepositoryRoot.Path, "infra");

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"The Bicep CLI is missing at {Path}: restore the test project.");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = InfraFolder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static readonly Lazy<Task<string>> CompiledMain = new(async () =>
    {
        var (exit, output, errors) = await RunAsync(null, "build", "main.bicep", "--stdout");
        Assert.True(exit == 0, errors);
        return output;
    });

    /// <summary>infra/main.bicep compiled to an ARM template (once per test run).</summary>
    public static Task<string> MainTemplateAsync() => CompiledMain.Value;
}
