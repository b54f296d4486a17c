using LeadHandoff.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>SendGrid when an API key is set, otherwise the local outbox folder.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddSettings<EmailOptions>(EmailOptions.SectionName);
        services.AddSettings<Branding.BrandOptions>(Branding.BrandOptions.SectionName);
        services.AddHttpClient<SendGridEmailSender>();
        services.AddSingleton<OutboxEmailSender>();
        services.AddTransient<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid
            ? sp.GetRequiredService<SendGridEmailSender>()
            : sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<MessageLedger>();
        services.TryAddSingleton(new SalesInbox(null));
        services.AddTransient<EmailDelivery>();
        return services;
    }
}
