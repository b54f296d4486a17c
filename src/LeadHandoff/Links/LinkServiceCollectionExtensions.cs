using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Links;

public static class LinkServiceCollectionExtensions
{
    public static IServiceCollection AddSignedLinks(this IServiceCollection services)
    {
        services.AddSettings<LinkOptions>(LinkOptions.SectionName);
        services.AddSingleton<LinkSigner>();
        services.AddSingleton<LinkBuilder>();
        return services;
    }
}
