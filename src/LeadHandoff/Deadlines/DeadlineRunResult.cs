namespace LeadHandoff.Deadlines;

/// <summary>What one deadline heartbeat did: emails it settled and batches it closed.</summary>
public sealed record DeadlineRunResult(int OpenBatches, int EmailsSent, int BatchesClosed);
