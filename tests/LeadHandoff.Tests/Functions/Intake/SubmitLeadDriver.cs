using LeadHandoff.Functions.Intake;
using LeadHandoff.Leads;
using LeadHandoff.Storage;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>Helpers shared by the SubmitLead tests: post through the function, read back what was stored.</summary>
public static class SubmitLeadDriver
{
    public static Task<TestResponse> PostAsync(this TestApp app, TestRequest request) =>
        app.SendAsync(request, http => app.Function<SubmitLead>().Run(http, CancellationToken.None));

    public static async Task<List<Lead>> LeadsAsync(this TestApp app, string windowId = "2026-W50")
    {
        var leads = new List<Lead>();
        await foreach (var lead in app.Get<LeadStore>().ListAsync(windowId, CancellationToken.None)) leads.Add(lead);
        return leads;
    }

    public static async Task<List<FlaggedSubmission>> FlaggedAsync(this TestApp app, string windowId = "2026-W50")
    {
        var flagged = new List<FlaggedSubmission>();
        await foreach (var item in app.Get<LeadStore>().ListFlaggedAsync(windowId, CancellationToken.None)) flagged.Add(item);
        return flagged;
    }
}
