using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LeadHandoff.Testing;

/// <summary>
/// The function app under the real Azure Functions host: `func start` (Core Tools, or the stand-in
/// in ../shared/functions-host) in a copy of the app's build output, with the test's settings as
/// environment variables. Readiness is the host's own: its ping answers and its admin API lists
/// the functions the worker indexed.
/// </summary>
public sealed partial class FuncHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly ConcurrentQueue<string> _output = new();

    private FuncHost(Process process, string folder, int port, string secrets)
    {
        _process = process;
        _folder = folder;
        BaseUrl = $"http://localhost:{port}";
        Secrets = secrets;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(100) };

    public string BaseUrl { get; }

    private string Secrets { get; }

    public string MasterKey { get; private set; } = "";

    /// <summary>The host's default function key: the one an admin is most tempted to hand out, since it opens every function-level route.</summary>
    public string DefaultHostKey { get; private set; } = "";

    /// <summary>Everything func and the host printed so far.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>`func` on PATH first, then the stand-in beside the checkout.</summary>
    public static string FindFunc()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "func");
            if (File.Exists(candidate)) return candidate;
        }
        var standIn = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, "..", "shared", "functions-host", "func"));
        if (File.Exists(standIn)) return standIn;
        throw new InvalidOperationException(
            "The host end-to-end tests need `func start`: install Azure Functions Core Tools v4, or put ../shared/functions-host on PATH (see the README's test prerequisites).");
    }

    /// <summary>Starts the host and waits until it is ready; throws with the host's output when it is not.</summary>
    public static async Task<FuncHost> StartAsync(IReadOnlyDictionary<string, string?> settings, string storage, TimeSpan? limit = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(settings, storage);
            try
            {
                await host.WaitReadyAsync(limit ?? TimeSpan.FromSeconds(120));
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3 && host.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A port the host picked (or ours) was taken between choosing and binding by another
                // test process on this machine: start again on fresh ports rather than fail the test.
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the host without waiting: for the tests that watch a start fail.</summary>
    public static FuncHost Launch(IReadOnlyDictionary<string, string?> settings, string storage)
    {
        var folder = Directory.CreateTempSubdirectory("leadhandoff-func-").FullName;
        CopyBuildOutput(FunctionAppOutput.Path, folder);
        var secrets = Path.Combine(folder + "-secrets");
        Directory.CreateDirectory(secrets);
        var port = FreePort.Next();

        var start = new ProcessStartInfo(FindFunc())
        {
            ArgumentList = { "start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Settings the way Azure passes them: environment variables, sections joined by "__".
        foreach (var (key, value) in settings)
        {
            if (value is not null) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["AzureWebJobsStorage"] = storage;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        // Keys of this host only, so the test can read the master key the host generates.
        start.Environment["FUNCTIONS_SECRETS_PATH"] = secrets;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start func.");
        return new FuncHost(process, folder, port, secrets);
    }

    // A copy, so that nothing the host or a developer leaves in the build output (local.settings.json
    // above all) changes what the test runs.
    private static void CopyBuildOutput(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative == "local.settings.json") continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task WaitReadyAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        async Task<bool> Step(Func<Task<bool>> attempt)
        {
            while (DateTime.UtcNow < until)
            {
                if (_process.HasExited) throw new InvalidOperationException($"func exited with code {_process.ExitCode} before it was ready:\n{Output}");
                try
                {
                    if (await attempt()) return true;
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(200);
            }
            throw new TimeoutException($"The host was not ready within {limit.TotalSeconds} s:\n{Output}");
        }

        await Step(async () => (await Http.GetAsync(BaseUrl + "/admin/host/ping")).StatusCode == HttpStatusCode.OK);
        var keys = Path.Combine(Secrets, "host.json");
        await Step(async () =>
        {
            // A request with a wrong key makes the host write its keys on first start.
            using var nudge = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/admin/functions") { Headers = { { "x-functions-key", "none" } } };
            await Http.SendAsync(nudge);
            if (!File.Exists(keys)) return false;
            var secrets = JsonDocument.Parse(await File.ReadAllTextAsync(keys)).RootElement;
            MasterKey = secrets.GetProperty("masterKey").GetProperty("value").GetString() ?? "";
            DefaultHostKey = secrets.GetProperty("functionKeys").EnumerateArray().FirstOrDefault(k => k.GetProperty("name").GetString() == "default") is { ValueKind: JsonValueKind.Object } key
                ? key.GetProperty("value").GetString() ?? "" : "";
            return MasterKey.Length > 0;
        });
        await Step(async () => (await FunctionsAsync()).GetArrayLength() > 0);
    }

    /// <summary>
    /// A new key on one function, made by the host's key API as an admin does in Azure
    /// (<c>az functionapp function keys set</c> calls the same API): it opens that function only.
    /// </summary>
    public async Task<string> CreateFunctionKeyAsync(string function, string keyName)
    {
        // Reading the keys first makes the host create the function's secrets file; a key added
        // before that is lost when the host writes the file with its default key.
        // The host reads a function's keys from a file named in lower case and writes them to one
        // named as the request spells it: on a case-sensitive disk, only the lower-case name works.
        function = function.ToLowerInvariant();
        using (var list = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}/admin/functions/{function}/keys") { Headers = { { "x-functions-key", MasterKey } } })
            (await Http.SendAsync(list)).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/admin/functions/{function}/keys/{keyName}") { Headers = { { "x-functions-key", MasterKey } } };
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The host refused a key for {function}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("value").GetString()!;
    }

    /// <summary>The host's own list of the functions it loaded (the admin API).</summary>
    public async Task<JsonElement> FunctionsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "/admin/functions") { Headers = { { "x-functions-key", MasterKey } } };
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>
    /// Runs a non-HTTP function through the admin API, as an operator would, and waits for the host
    /// to log its end. Returns true when it succeeded.
    /// </summary>
    public async Task<bool> RunAsync(string function, TimeSpan? limit = null)
    {
        var before = Executed(function).Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/admin/functions/{function}")
        {
            Headers = { { "x-functions-key", MasterKey } },
            Content = new StringContent("""{"input":""}""", Encoding.UTF8, "application/json"),
        };
        using var response = await Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"The admin API answered {(int)response.StatusCode} to running {function}.");
        await UntilAsync(() => Executed(function).Count > before, limit ?? TimeSpan.FromSeconds(90), $"{function} to finish");
        return Executed(function)[before] == "Succeeded";
    }

    private List<string> Executed(string function) =>
        _output.Select(line => ExecutedLine().Match(line)).Where(m => m.Success && m.Groups[1].Value == function).Select(m => m.Groups[2].Value).ToList();

    /// <summary>Polls for an outcome the test cannot be told about directly; fails with the host's output.</summary>
    public async Task UntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {limit.TotalSeconds} s for {what}:\n{Output}");
            if (_process.HasExited) throw new InvalidOperationException($"func exited with code {_process.ExitCode} while waiting for {what}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The app's worker processes this host started that are still alive: the host's descendants
    /// (read from /proc) whose command line names the app's assembly. Empty off Linux.
    /// </summary>
    public IReadOnlyList<int> LiveWorkers()
    {
        if (!OperatingSystem.IsLinux()) return [];
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // stat is "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
        }
        bool Descends(int pid)
        {
            for (var at = pid; parents.TryGetValue(at, out var parent) && at > 1; at = parent)
                if (parent == _process.Id) return true;
            return false;
        }
        string CommandLine(int pid)
        {
            try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
            catch (IOException) { return ""; }
        }
        return parents.Keys.Where(Descends).Where(pid => CommandLine(pid).Contains("LeadHandoff.Functions", StringComparison.Ordinal)).ToList();
    }

    [GeneratedRegex(@"Executed 'Functions\.(\w+)' \((\w+),")]
    private static partial Regex ExecutedLine();

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>Stops the host as Ctrl+C would (SIGTERM: func asks the host to shut down), then cleans up.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (!OperatingSystem.IsWindows()) _ = Kill(_process.Id, 15);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
            Directory.Delete(Secrets, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
