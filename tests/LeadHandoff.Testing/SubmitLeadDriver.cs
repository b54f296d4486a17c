using LeadHandoff.Functions.Intake;
using LeadHandoff.Tests.Infrastructure;

namespace LeadHandoff.Tests.Functions.Intake;

/// <summary>Posts through the SubmitLead function the way the worker calls it.</summary>
public static class SubmitLeadDriver
{
    public static Task<TestResponse> PostAsync(this TestApp app, TestRequest request) =>
        app.SendAsync(request, http => app.Function<SubmitLead>().Run(http, CancellationToken.None));
}
