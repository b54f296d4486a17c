using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddLeadStorage(this IServiceCollection services)
    {
        services.AddSettings<StorageOptions>(StorageOptions.SectionName);
        services.AddSingleton<LeadTables>();
        services.AddSingleton<LeadStore>();
        services.AddSingleton<BatchLedger>();
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<WatermarkStore>();
        return services;
    }
}
