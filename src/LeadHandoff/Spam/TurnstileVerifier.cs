using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Spam;

/// <summary>The verdict, and for a held-back submission its reason (quarantine reason <c>turnstile-{name}</c>).</summary>
public enum HumanCheck
{
    NotConfigured,
    Passed,
    /// <summary>No token, or the verifier said the challenge was not solved.</summary>
    Failed,
    /// <summary>The verifier did not answer, answered an error, or too slowly.</summary>
    Unavailable,
    /// <summary>The verifier's answer could not be read (not JSON, a foreign charset, empty).</summary>
    UnreadableReply,
    /// <summary>A token longer than Turnstile ever issues: refused without asking.</summary>
    TokenTooLong,
    /// <summary>Solved, but on a site that is not ours (a token taken from another site's widget).</summary>
    WrongHostname,
    /// <summary>Solved, but for another action than the form's.</summary>
    WrongAction,
}

/// <summary>Asks Turnstile whether the browser that sent the form solved its challenge.</summary>
public sealed partial class TurnstileVerifier(HttpClient http, IOptions<TurnstileOptions> options, ILogger<TurnstileVerifier> logger)
{
    private readonly TurnstileOptions _options = options.Value;

    public async Task<HumanCheck> VerifyAsync(string? token, string? clientIp, CancellationToken cancellationToken)
    {
        if (!_options.Enabled) return HumanCheck.NotConfigured;
        if (string.IsNullOrEmpty(token)) return HumanCheck.Failed;
        if (token.Length > MaxTokenLength) return HumanCheck.TokenTooLong;

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
            SiteVerifyResponse? result;
            try
            {
                result = await response.Content.ReadFromJsonAsync<SiteVerifyResponse>(timeout.Token);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException)
            {
                // HTML, an empty body, or a charset .NET does not read: the check could not be made.
                LogUnreadable(logger, ex.GetType().Name);
                return HumanCheck.UnreadableReply;
            }
            if (result?.Success != true) return HumanCheck.Failed;
            if (_options.Hostnames.Count > 0 && !_options.Hostnames.Contains(result.Hostname ?? "", StringComparer.OrdinalIgnoreCase)) return HumanCheck.WrongHostname;
            if (!string.IsNullOrEmpty(_options.Action) && !string.Equals(result.Action, _options.Action, StringComparison.Ordinal)) return HumanCheck.WrongAction;
            return HumanCheck.Passed;
        }
        catch (Exception ex) when (ex is HttpRequestException ||
                                   (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogVerifierDown(logger, ex.GetType().Name);
            return HumanCheck.Unavailable;
        }
    }

    /// <summary>Turnstile's documented limit on a token's length.</summary>
    public const int MaxTokenLength = 2048;

    private sealed record SiteVerifyResponse(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("hostname")] string? Hostname = null,
        [property: JsonPropertyName("action")] string? Action = null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnstile verifier answered {StatusCode}; the submission is quarantined")]
    private static partial void LogVerifierStatus(ILogger logger, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnstile verifier's answer could not be read ({ErrorType}); the submission is quarantined")]
    private static partial void LogUnreadable(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turnstile verifier unreachable ({ErrorType}); the submission is quarantined")]
    private static partial void LogVerifierDown(ILogger logger, string errorType);
}
