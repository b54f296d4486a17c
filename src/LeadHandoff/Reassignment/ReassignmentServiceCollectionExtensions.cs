using Microsoft.Extensions.DependencyInjection;

namespace LeadHandoff.Reassignment;

public static class ReassignmentServiceCollectionExtensions
{
    /// <summary>Moving a rep's undecided leads to another rep, with the new owner's email and the CRM's event.</summary>
    public static IServiceCollection AddReassignment(this IServiceCollection services) => services.AddTransient<ReassignmentService>();
}
