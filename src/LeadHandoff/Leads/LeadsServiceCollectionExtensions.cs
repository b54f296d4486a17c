using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Leads;

public static class LeadsServiceCollectionExtensions
{
    /// <summary>The leads' own stores: the leads with their markers and flagged submissions, and the decisions' history.</summary>
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.AddSingleton<LeadStore>();
        services.AddSingleton<DecisionStore>();
        return services;
    }
}
