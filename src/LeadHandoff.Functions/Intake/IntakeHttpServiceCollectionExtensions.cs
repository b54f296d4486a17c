using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Functions.Intake;

public static class IntakeHttpServiceCollectionExtensions
{
    public static IServiceCollection AddLeadIntakeHttp(this IServiceCollection services) =>
        services.AddSingleton<IntakeResponses>();
}
