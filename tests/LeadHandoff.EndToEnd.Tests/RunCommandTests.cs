using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace LeadHandoff.EndToEnd.Tests;

/// <summary>
/// The README's run command, as a newcomer types it: <c>scripts/run-local.sh</c> builds the app,
/// starts Azurite and the host with the sample settings, takes the README's sample lead, and stops
/// everything on SIGTERM. Ports of the test's own, so nothing else is in the way.
/// </summary>
[Trait("Category", "Host")]
public sealed class RunCommandTests
{
    private const string ReadmeLead = """
        {"name":"Ada Lovelace","email":"ada@example.com","company":"Analytical Engines","job_title":"CTO",
         "message":"Demo please","sector":"Software","company_size":"11-50","offer":"pricing-guide",
         "consent":true,"consent_version":"2026-09","lh_trap":""}
        """;

    [Fact]
    public async Task The_run_command_serves_the_sample_lead_and_stops_everything_on_SIGTERM()
    {
        var (blob, queue, table, func) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Path, "scripts", "run-local.sh") },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AZURITE_BLOB_PORT"] = blob.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_QUEUE_PORT"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_TABLE_PORT"] = table.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNC_PORT"] = func.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PATH"] = Path.GetDirectoryName(FuncHost.FindFunc()) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var output = new StringBuilder();
        using var script = Process.Start(start)!;
        script.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        script.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            var baseUrl = $"http://127.0.0.1:{func}";
            var until = DateTime.UtcNow + TimeSpan.FromMinutes(4);
            while (!await AnswersAsync(baseUrl + "/api/thanks"))
            {
                Assert.False(script.HasExited, "run-local.sh exited before the app answered:\n" + output);
                lock (output) Assert.False(output.ToString().Contains("Exceeded language worker restart retry count", StringComparison.Ordinal), "The worker would not start:\n" + output);
                Assert.True(DateTime.UtcNow < until, "The app did not answer within 4 minutes:\n" + output);
                await Task.Delay(500);
            }

            using var lead = await FuncHost.Http.PostAsync(baseUrl + "/api/leads", new StringContent(ReadmeLead, Encoding.UTF8, "application/json"));
            Assert.True(lead.StatusCode == HttpStatusCode.Created, $"The README's sample lead got {(int)lead.StatusCode}:\n{await lead.Content.ReadAsStringAsync()}\n{output}");

            Assert.Equal(0, Kill(script.Id, 15)); // SIGTERM, as a service manager stops it
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(wait.Token);
            Assert.False(Listening(func), "the host still listens after the script stopped");
            Assert.False(Listening(table), "Azurite still listens after the script stopped");
        }
        finally
        {
            if (!script.HasExited) script.Kill(entireProcessTree: true);
        }
    }

    private static async Task<bool> AnswersAsync(string url)
    {
        try
        {
            using var response = await FuncHost.Http.GetAsync(url);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
