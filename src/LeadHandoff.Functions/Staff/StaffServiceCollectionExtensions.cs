using LeadHandoff.Configuration;
using LeadHandoff.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
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
        services.AddSingleton<StaffForms>();

        // ASP.NET Core's antiforgery tokens in every staff form, signed with keys every instance shares.
        services.AddDataProtection().SetApplicationName("LeadHandoff");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new StaffKeyRing(provider.GetRequiredService<LeadTables>())));
        services.AddAntiforgery(o =>
        {
            o.FormFieldName = StaffForms.FieldName;
            o.HeaderName = null; // forms only: a script uses a function key, not a member's cookie
            o.Cookie.Name = "lh-staff-form";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
