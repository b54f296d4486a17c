using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSettings<WebhookOptions>(WebhookOptions.SectionName);
        // No automatic retries or redirects: a delivery is one attempt, logged, and the backoff decides the next.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookEmitter>();
        services.AddSingleton<WebhookPayloads>();
        services.AddTransient<WebhookDispatcher>();
        services.AddTransient<WebhookReconciler>();
        return services;
    }
}
