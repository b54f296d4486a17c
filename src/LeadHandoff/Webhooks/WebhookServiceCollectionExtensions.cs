using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSettings<WebhookOptions>(WebhookOptions.SectionName);
        // No automatic retries or redirects: a delivery is one attempt, logged, and the backoff decides the next.
        services.AddSingleton<ResolveHost>((host, cancellationToken) => System.Net.Dns.GetHostAddressesAsync(host, cancellationToken));
        // Every connection is made by ReceiverAddress: after DNS, and only to a public address.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = (context, cancellationToken) => ReceiverAddress.ConnectAsync(
                    context.DnsEndPoint, sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLocalReceivers, sp.GetRequiredService<ResolveHost>(), cancellationToken),
            });
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookEmitter>();
        services.AddSingleton<WebhookPayloads>();
        services.AddTransient<WebhookDispatcher>();
        services.AddTransient<WebhookReconciler>();
        return services;
    }
}
