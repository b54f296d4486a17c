using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tables;

/// <summary>
/// The app's tables, created on first use. Every storage failure leaves here as
/// <see cref="StorageUnavailableException"/>, so callers handle one thing.
/// </summary>
public sealed class LeadTables
{
    public const string Leads = "Leads";
    /// <summary>The first person index, read for weeks indexed before <see cref="PersonWeeks"/>.</summary>
    public const string People = "People";
    public const string PersonWeeks = "PersonWeeks";
    public const string Ledger = "Ledger";
    public const string Audit = "Audit";
    public const string Webhooks = "Webhooks";
    public const string Team = "Team";
    /// <summary>The agreement's versions, proposals and their audit.</summary>
    public const string Agreement = "Agreement";
    /// <summary>The keys that sign staff forms' tokens, shared by every instance.</summary>
    public const string StaffFormKeys = "StaffFormKeys";

    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly Dictionary<string, Task<TableClient>> _ready = [];
    private readonly Lock _gate = new();

    /// <param name="policies">Extra pipeline policies, e.g. the benchmarks' request counter; none in the app.</param>
    public LeadTables(IOptions<StorageOptions> options, IEnumerable<HttpPipelinePolicy> policies)
    {
        var settings = options.Value;
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = settings.MaxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(settings.NetworkTimeoutSeconds);
        foreach (var policy in policies) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        _service = string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? new TableServiceClient(new Uri(settings.TableServiceUri!), Credential(settings), clientOptions)
            : new TableServiceClient(settings.ConnectionString, clientOptions);
        _prefix = settings.TablePrefix;
    }

    public string NameOf(string table) => _prefix + table;

    public Task<TableClient> GetAsync(string table, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_ready.TryGetValue(table, out var task) || task.IsFaulted || task.IsCanceled)
                _ready[table] = task = CreateAsync(NameOf(table), cancellationToken);
            return task;
        }
    }

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = _service.GetTableClient(name);
        await Guard("create table", () => client.CreateIfNotExistsAsync(cancellationToken), cancellationToken);
        return client;
    }

    /// <summary>Runs one storage call, turning transport and service failures into <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> Guard<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex)
        {
            throw new StorageUnavailableException(operation, ex.Status, ex.ErrorCode, ex);
        }
        catch (AggregateException ex) // Azure.Core's retry policy gives up with every attempt's failure.
        {
            var last = ex.InnerExceptions.OfType<RequestFailedException>().LastOrDefault();
            throw new StorageUnavailableException(operation, last?.Status ?? 0, last?.ErrorCode, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException) // a transport failure the retry policy passed on as it was
        {
            throw new StorageUnavailableException(operation, 0, "Transport", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException(operation, 0, "Timeout", ex);
        }
    }

    /// <summary>Deletes a row whatever its version; a row already gone is not an error. True when this call removed it.</summary>
    public static async Task<bool> DeleteIfPresentAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (partitionKey.Length == 0) return false;
        try
        {
            var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
            return response.Status is >= 200 and < 300;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// The rows of one partition whose keys start with <paramref name="rowPrefix"/>: the key range
    /// [prefix, prefix with its last character + 1) holds exactly those.
    /// </summary>
    public static string PrefixFilter(string partitionKey, string rowPrefix)
    {
        var upper = rowPrefix[..^1] + (char)(rowPrefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowPrefix} and RowKey lt {upper}");
    }

    /// <summary>Those rows, page by page, each page read under <see cref="Guard{T}"/>.</summary>
    public static async IAsyncEnumerable<T> QueryPrefixAsync<T>(
        TableClient table, string partitionKey, string rowPrefix, string operation, IEnumerable<string>? select,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var pages = table.QueryAsync<T>(PrefixFilter(partitionKey, rowPrefix), select: select, cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await Guard(operation, async () => await pages.MoveNextAsync(), cancellationToken))
            {
                foreach (var row in pages.Current.Values) yield return row;
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    private static TokenCredential Credential(StorageOptions settings) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ManagedIdentityClientId });
}
