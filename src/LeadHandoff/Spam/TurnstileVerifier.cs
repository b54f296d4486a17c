using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Spam;

public enum HumanCheck
{
    NotConfigured,
    Passed,
    Failed,
    Unavailable,
}

/// <summary>Asks Turnstile whether the browser that sent the form solved its challenge.</summary>
public sealed partial class TurnstileVerifier(HttpClient http, IOptions<TurnstileOptions> options, ILogger<TurnstileVerifier> logger)
{
    private readonly TurnstileOptions _options = options.Value;

    public async Task<HumanCheck> VerifyAsync(string? token, string? clientIp, CancellationToken cancellationToken)
    {
        if (!_options.Enabled) return HumanCheck.NotConfigured;
        if (string.IsNullOrEmpty(token)) return HumanCheck.Failed;

        var form = new Dictionary<string, string> { ["secret"] = _options.SecretKey!, ["response"] = token };
        if (clientIp is not null) form["remoteip"] = clientIp;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            using var response = await http.PostAsync(_options.VerifyUrl, new FormUrlEncodedContent(form), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogVerifierStatus(logger, (int)response.StatusCode);
                return HumanCheck.Unavailable;
            }
            var result = await response.Content.ReadFromJsonAsync<SiteVerifyResponse>(timeout.Token);
            return result?.Success == true ? HumanCheck.Passed : HumanCheck.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException ||
                                   (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogVerifierDown(logger, ex.GetType().Name);
            return HumanCheck.Unavailable;
        }
    }

    private sealed record SiteVerifyResponse([property: JsonPropertyName("success")] bool Success);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnstile verifier answered {StatusCode}; the submission is quarantined")]
    private static partial void LogVerifierStatus(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnstile verifier unreachable ({ErrorType}); the submission is quarantined")]
    private static partial void LogVerifierDown(ILogger logger, string errorType);
}
