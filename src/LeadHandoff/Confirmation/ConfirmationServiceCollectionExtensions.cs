using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Confirmation;

public static class ConfirmationServiceCollectionExtensions
{
    public static IServiceCollection AddConfirmation(this IServiceCollection services)
    {
        services.AddSettings<ConfirmationOptions>(ConfirmationOptions.SectionName);
        services.AddTransient<ConfirmationService>();
        return services;
    }
}
