using LeadHandoff.Leads;

namespace LeadHandoff.Tests.Infrastructure;

/// <summary>Reads back what the app stored, through the app's own store.</summary>
public static class StoredRows
{
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
