using LeadHandoff.Configuration;
using LeadHandoff.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Team;

public static class TeamServiceCollectionExtensions
{
    /// <summary>The roster (seeded from the Routing settings, then the table), who gets a lead, and the admins' roster changes.</summary>
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddSettings<RoutingOptions>(RoutingOptions.SectionName);
        services.AddSingleton<RosterStore>();
        services.AddSingleton<TeamRoster>();
        services.AddSingleton<LeadRouter>();
        services.AddTransient<TeamAdminService>();
        // Delivery sits below the team, so the team tells it where an undeliverable email goes.
        services.AddSingleton(sp => new SalesInbox(sp.GetRequiredService<IOptions<RoutingOptions>>().Value.SalesInboxEmail));
        return services;
    }
}
