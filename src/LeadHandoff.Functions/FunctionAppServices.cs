using LeadHandoff.Agreement;
using LeadHandoff.Batches;
using LeadHandoff.Configuration;
using LeadHandoff.Confirmation;
using LeadHandoff.Deadlines;
using LeadHandoff.Email;
using LeadHandoff.Functions.Intake;
using LeadHandoff.Functions.Scheduling;
using LeadHandoff.Functions.Staff;
using LeadHandoff.HotLane;
using LeadHandoff.Imports;
using LeadHandoff.Intake;
using LeadHandoff.Invitations;
using LeadHandoff.Leads;
using LeadHandoff.Pace;
using LeadHandoff.Links;
using LeadHandoff.Privacy;
using LeadHandoff.Qualification;
using LeadHandoff.Reassignment;
using LeadHandoff.Reviews;
using LeadHandoff.Scorecards;
using LeadHandoff.Tables;
using LeadHandoff.Team;
using LeadHandoff.Webhooks;
using LeadHandoff.Weeks;
using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Functions;

/// <summary>
/// Everything the function app wires, in one place: Program.cs calls it, and the function tests call
/// it too, so a wiring mistake fails a test rather than a deployment.
/// </summary>
public static class FunctionAppServices
{
    public static IServiceCollection AddLeadHandoffFunctions(this IServiceCollection services)
    {
        services.AddSettings<ScheduleOptions>("");
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<StorageOptions>, LeadHandoff.Functions.Configuration.KeylessStorageInAzure>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WebhookOptions>, LeadHandoff.Functions.Configuration.LocalReceiversOnlyInDevelopment>();
        // Sales' side of the agreement's version 1 comes from the settings of the slices that use it.
        services.AddSingleton(provider => new SalesTermsSeed(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HotLaneOptions>>().Value.DeadlineBusinessHours,
            [.. provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<QualificationOptions>>().Value.EffectiveReasons.Select(r => new AgreementReason(r.Id, r.Label, r.ThaiLabel))],
            EscalationOptions.AsTerms(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EscalationOptions>>().Value.EffectiveSteps)));
        return services
            .AddLeadStorage()
            .AddSlaCalendar()
            .AddLeads()
            .AddTeam()
            .AddReassignment()
            .AddLeadIntake()
            .AddLeadIntakeHttp()
            .AddSignedLinks()
            .AddEmail()
            .AddWeeklyBatch()
            .AddHotLane()
            .AddWebhooks()
            .AddConfirmation()
            .AddReviewQueue()
            .AddLeadImport()
            .AddQualification()
            .AddDeadlines()
            .AddAgreement()
            .AddScorecard()
            .AddPace()
            .AddPrivacy()
            .AddSingleton<LeadHandoff.Functions.Privacy.PrivacyRequests>()
            .AddTransient<LeadHandoff.Functions.TeamWeek.TeamWeekActions>()
            .AddStaffInvitations()
            .AddStaffSignIn();
    }
}
