using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Batches;

public static class BatchServiceCollectionExtensions
{
    public static IServiceCollection AddWeeklyBatch(this IServiceCollection services)
    {
        services.AddSettings<BatchOptions>(BatchOptions.SectionName);
        services.AddTransient<BatchPreparation>();
        services.AddTransient<BatchEmails>();
        services.AddTransient<WeeklyBatchService>();
        return services;
    }
}
