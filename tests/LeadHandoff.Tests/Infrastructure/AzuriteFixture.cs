using System.Diagnostics;
using System.Net.Sockets;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>
/// Real Table Storage for the tests: Azurite from the repo's node_modules on a free loopback port,
/// or the account named by LEADHANDOFF_TEST_STORAGE (a connection string) when that is set.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "LEADHANDOFF_TEST_STORAGE";

    // Azurite's published development account key; it only works against the local emulator.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script)) await NpmCiAsync();
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {RepositoryRoot.Path} (or set {EnvironmentVariable}).");

        var port = FreePort.Next();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _azurite = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        _azurite.OutputDataReceived += (_, _) => { };
        _azurite.ErrorDataReceived += (_, _) => { };
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();
        await WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    /// <summary>A fresh clone has no node_modules: install the pinned Azurite so 'dotnet test' alone works.</summary>
    private static async Task NpmCiAsync()
    {
        var npm = new ProcessStartInfo("npm") { ArgumentList = { "ci", "--no-audit", "--no-fund" }, WorkingDirectory = RepositoryRoot.Path, UseShellExecute = false };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm to install Azurite.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'npm ci' failed with exit code {process.ExitCode} in {RepositoryRoot.Path}.");
    }

    public Task DisposeAsync()
    {
        if (_azurite is { HasExited: false }) _azurite.Kill(entireProcessTree: true);
        _azurite?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitForPortAsync(int port, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (_azurite!.HasExited) throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode} before listening.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within {limit.TotalSeconds} s.");
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
