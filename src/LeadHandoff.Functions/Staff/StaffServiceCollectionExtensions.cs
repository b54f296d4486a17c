using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Functions.Staff;

public static class StaffServiceCollectionExtensions
{
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services)
    {
        services.AddSettings<StaffSignInOptions>(StaffSignInOptions.SectionName);
        services.AddSingleton<IValidateOptions<StaffSignInOptions>, DevelopmentSignInOnlyLocally>();
        services.AddSingleton<StaffSignIn>();
        return services;
    }
}
