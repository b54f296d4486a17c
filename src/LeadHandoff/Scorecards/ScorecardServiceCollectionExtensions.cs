using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Scorecards;

public static class ScorecardServiceCollectionExtensions
{
    public static IServiceCollection AddScorecard(this IServiceCollection services)
    {
        services.AddSettings<ScorecardOptions>(ScorecardOptions.SectionName);
        services.AddTransient<ScorecardService>();
        return services;
    }
}
