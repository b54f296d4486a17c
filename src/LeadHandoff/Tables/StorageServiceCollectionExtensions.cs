using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Tables;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddLeadStorage(this IServiceCollection services)
    {
        services.AddSettings<StorageOptions>(StorageOptions.SectionName);
        services.AddSingleton<LeadTables>();
        return services;
    }
}
