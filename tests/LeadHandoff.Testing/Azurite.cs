using System.Diagnostics;
using System.Net.Sockets;

namespace LeadHandoff.Testing;

/// <summary>
/// One Azurite process from the repo's node_modules on free loopback ports, in memory. Table only for
/// the storage tests; blob, queue and table for a Functions host, whose timers keep their locks in blobs.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's published development account key; it only works against the local emulator.
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private Azurite(Process process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync(bool tableOnly)
    {
        // A free port can be taken by a parallel test between our probe and Azurite's bind: try again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(tableOnly);
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
            }
        }
    }

    private static async Task<Azurite> TryStartAsync(bool tableOnly)
    {
        var dist = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src");
        if (!Directory.Exists(dist)) await NpmCiAsync();
        if (!Directory.Exists(dist))
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {RepositoryRoot.Path}.");

        int table = FreePort.Next(), blob = FreePort.Next(), queue = FreePort.Next();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (tableOnly)
        {
            start.ArgumentList.Add(Path.Combine(dist, "table", "main.js"));
        }
        else
        {
            start.ArgumentList.Add(Path.Combine(dist, "azurite.js"));
            foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(), "--queueHost", "127.0.0.1", "--queuePort", queue.ToString() })
                start.ArgumentList.Add(arg);
        }
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", table.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent" })
            start.ArgumentList.Add(arg);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ports = tableOnly ? [table] : new[] { table, blob, queue };
        try
        {
            foreach (var port in ports) await WaitForPortAsync(process, port, TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException ex)
        {
            process.Dispose();
            throw new InvalidOperationException(ex.Message + " " + string.Join(" ", errors), ex);
        }

        var account = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        if (!tableOnly) account += $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;";
        return new Azurite(process, account);
    }

    /// <summary>A fresh clone has no node_modules: install the pinned Azurite so 'dotnet test' alone works.</summary>
    private static async Task NpmCiAsync()
    {
        var npm = new ProcessStartInfo("npm") { ArgumentList = { "ci", "--no-audit", "--no-fund" }, WorkingDirectory = RepositoryRoot.Path, UseShellExecute = false };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm to install Azurite.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'npm ci' failed with exit code {process.ExitCode} in {RepositoryRoot.Path}.");
    }

    private static async Task WaitForPortAsync(Process process, int port, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening.");
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

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
