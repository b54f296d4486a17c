using System.Diagnostics;
using System.Text.Json;

namespace LeadHandoff.Tests.Infra;

/// <summary>
/// The link-signing keys survive deployments: the template never holds or generates their values,
/// and the postprovision script creates each key once and never overwrites it. The script runs
/// against a stand-in for the Azure CLI (a shell script keeping secrets as files), since the real
/// one needs Azure; what is tested is the script's own logic, which is what decides overwriting.
/// </summary>
[Trait("Category", "Infra")]
public sealed class SigningKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("signing-keys-").FullName;

    private string Store => Path.Combine(_folder, "vault");

    public SigningKeyTests()
    {
        Directory.CreateDirectory(Store);
        // `az keyvault secret show|show-deleted|recover|set`, keeping each secret as a file.
        File.WriteAllText(Path.Combine(_folder, "az"), """
            #!/usr/bin/env bash
            set -eu
            printf '%s\n' "$*" >> "$FAKE_AZ_STORE/calls.log"
            verb="$3"; name=""; file=""
            args=("$@")
            for ((i = 0; i < ${#args[@]}; i++)); do
              case "${args[$i]}" in --name) name="${args[$((i + 1))]}" ;; --file) file="${args[$((i + 1))]}" ;; esac
            done
            case "$verb" in
              show) [ -f "$FAKE_AZ_STORE/$name" ] && { echo "https://vault/secrets/$name"; exit 0; }; echo "SecretNotFound" >&2; exit 3 ;;
              show-deleted) [ -f "$FAKE_AZ_STORE/deleted-$name" ] && { echo "recovery-id"; exit 0; }; exit 3 ;;
              recover) mv "$FAKE_AZ_STORE/deleted-$name" "$FAKE_AZ_STORE/$name" ;;
              set) cat "$file" > "$FAKE_AZ_STORE/$name" ;;
              *) echo "unexpected: $*" >&2; exit 9 ;;
            esac
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows()) // the script is POSIX shell; on Windows the test fails when it cannot run sh
            File.SetUnixFileMode(Path.Combine(_folder, "az"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Output)> EnsureAsync(string ids, string? subscriptions = null)
    {
        var start = new ProcessStartInfo("sh", Path.Combine(LeadHandoff.Testing.RepositoryRoot.Path, "scripts", "ensure-signing-keys.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = _folder + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_AZ_STORE"] = Store;
        start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-test";
        start.Environment["LINK_SIGNING_KEY_IDS"] = ids;
        if (subscriptions is not null) start.Environment["WEBHOOK_SUBSCRIPTION_IDS"] = subscriptions;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    private string Secret(string id) => File.ReadAllText(Path.Combine(Store, "LinkSigningKey-" + id));

    [Fact]
    public async Task Provisioning_twice_keeps_the_key_and_rotation_adds_a_new_one_beside_it()
    {
        Assert.Equal(0, (await EnsureAsync("k1")).Exit);
        var first = Secret("k1");
        Assert.Equal(32, Convert.FromBase64String(first).Length);

        var again = await EnsureAsync("k1");
        Assert.Equal(0, again.Exit);
        Assert.Contains("LinkSigningKey-k1: exists, kept", again.Output);
        Assert.Equal(first, Secret("k1"));

        var rotated = await EnsureAsync("k1,k2");
        Assert.Equal(0, rotated.Exit);
        Assert.Equal(first, Secret("k1"));
        Assert.NotEqual(first, Secret("k2"));
        Assert.Equal(32, Convert.FromBase64String(Secret("k2")).Length);
        // The values reach the CLI on standard input only, never on its command line.
        var calls = File.ReadAllText(Path.Combine(Store, "calls.log"));
        Assert.DoesNotContain(first, calls);
        Assert.DoesNotContain(Secret("k2"), calls);
        Assert.Equal(2, calls.Split('\n').Count(l => l.StartsWith("keyvault secret set", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_webhook_subscription_gets_a_standard_webhooks_secret_once_and_a_bad_id_is_refused()
    {
        Assert.Equal(0, (await EnsureAsync("k1", "")).Exit); // no subscriptions: nothing else made
        Assert.False(File.Exists(Path.Combine(Store, "WebhookSecret-crm")));

        var made = await EnsureAsync("k1", "crm,marketing-tool");
        Assert.Equal(0, made.Exit);
        var crm = File.ReadAllText(Path.Combine(Store, "WebhookSecret-crm"));
        Assert.StartsWith("whsec_", crm);
        Assert.Equal(32, Convert.FromBase64String(crm["whsec_".Length..]).Length);
        Assert.NotEqual(crm, File.ReadAllText(Path.Combine(Store, "WebhookSecret-marketing-tool")));

        var again = await EnsureAsync("k1", "crm");
        Assert.Contains("WebhookSecret-crm: exists, kept", again.Output);
        Assert.Equal(crm, File.ReadAllText(Path.Combine(Store, "WebhookSecret-crm")));
        Assert.DoesNotContain(crm, File.ReadAllText(Path.Combine(Store, "calls.log")));

        var refused = await EnsureAsync("k1", "crm;rm -rf");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("must be 1 to 32 letters, digits or hyphens", refused.Output);
    }

    [Fact]
    public async Task A_soft_deleted_key_is_recovered_not_replaced_and_a_bad_id_is_refused()
    {
        File.WriteAllText(Path.Combine(Store, "deleted-LinkSigningKey-k1"), "b2xkIGtleSB2YWx1ZSBvbGQga2V5IHZhbHVlIG9sZCBrZXkh");

        var recovered = await EnsureAsync("k1");

        Assert.Equal(0, recovered.Exit);
        Assert.Contains("recovered from soft delete", recovered.Output);
        Assert.Equal("b2xkIGtleSB2YWx1ZSBvbGQga2V5IHZhbHVlIG9sZCBrZXkh", Secret("k1"));
        var refused = await EnsureAsync("k1,bad id;rm");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("must be 1 to 16 letters or digits", refused.Output);
        Assert.Equal(2, (await EnsureAsync("k1,k-2")).Exit);
        Assert.Equal(2, (await EnsureAsync("k1234567890123456")).Exit); // 17 characters
        Assert.Equal(0, (await EnsureAsync("k123456789012345")).Exit); // 16
    }

    [Fact]
    public async Task The_template_never_holds_or_generates_a_signing_key_and_the_app_reads_every_listed_key_from_key_vault()
    {
        var template = await BicepCli.MainTemplateAsync();
        var root = JsonDocument.Parse(template).RootElement;

        Assert.Equal("array", root.GetProperty("parameters").GetProperty("linkSigningKeyIds").GetProperty("type").GetString());
        Assert.DoesNotContain(root.GetProperty("parameters").EnumerateObject(), p => p.Name.Contains("SigningKey", StringComparison.OrdinalIgnoreCase) && p.Name != "linkSigningKeyIds");
        Assert.DoesNotContain("newGuid(", template);
        Assert.DoesNotContain("LinkSigningKey')", template); // no secret resource of that name, in any module
        Assert.DoesNotContain(Secrets(root), name => name.Contains("LinkSigningKey", StringComparison.Ordinal));
        // One Key Vault reference per listed id, and the newest signs.
        Assert.Contains("format('Links__SigningKeys__{0}__Secret', lambdaVariables('i'))), lambda('i', format('@Microsoft.KeyVault(VaultName={0};SecretName=LinkSigningKey-{1})', variables('keyVaultName'), string(parameters('linkSigningKeyIds')[lambdaVariables('i')])))", template);
        Assert.Contains("'Links__CurrentKeyId', string(last(parameters('linkSigningKeyIds')))", template);
        // Webhook secrets the same way: a Key Vault reference per subscription, never a value.
        Assert.Contains("SecretName=WebhookSecret-{1})', variables('keyVaultName'), string(parameters('webhookSubscriptions')[lambdaVariables('i')].id))", template);
        Assert.DoesNotContain(Secrets(root), name => name.Contains("WebhookSecret", StringComparison.Ordinal));
        Assert.Contains("scripts/ensure-signing-keys.sh", await File.ReadAllTextAsync(Path.Combine(LeadHandoff.Testing.RepositoryRoot.Path, "azure.yaml")));
    }

    /// <summary>The names of every Key Vault secret resource, in the main template and its modules.</summary>
    private static IEnumerable<string> Secrets(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        foreach (var resource in resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
        {
            if (resource.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults/secrets") yield return resource.GetProperty("name").GetString()!;
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested) && nested.ValueKind == JsonValueKind.Object)
                foreach (var name in Secrets(nested)) yield return name;
        }
    }
}
