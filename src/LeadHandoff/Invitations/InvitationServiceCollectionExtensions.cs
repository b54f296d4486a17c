using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Invitations;

public static class InvitationServiceCollectionExtensions
{
    public static IServiceCollection AddStaffInvitations(this IServiceCollection services)
    {
        services.AddSingleton<InvitationStore>();
        services.AddTransient<StaffInvitations>();
        return services;
    }
}
