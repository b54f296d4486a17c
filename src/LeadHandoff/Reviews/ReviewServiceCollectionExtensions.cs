using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Reviews;

public static class ReviewServiceCollectionExtensions
{
    public static IServiceCollection AddReviewQueue(this IServiceCollection services)
    {
        services.AddSingleton<ReviewAudit>();
        services.AddTransient<ReleasedLeadHandover>();
        services.AddTransient<ReviewQueueService>();
        return services;
    }
}
