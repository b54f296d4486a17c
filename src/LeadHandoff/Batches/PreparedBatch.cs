using LeadHandoff.Leads;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;

namespace LeadHandoff.Batches;

/// <summary>A window's leads as the batch sends them: each owner with their leads, what the checks held back, and how many people were erased first.</summary>
public sealed record PreparedBatch(int Count, int Erased, List<(Owner Owner, List<BatchLead> Leads)> ByOwner, List<FlaggedSubmission> Flagged);
