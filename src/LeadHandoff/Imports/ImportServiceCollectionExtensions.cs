using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Imports;

public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddLeadImport(this IServiceCollection services) => services.AddTransient<LeadImportService>();
}
