namespace LeadHandoff.Privacy;

/// <summary>What one withdrawal sweep did: emails sent, addresses we do not hold, addresses emailed within the day, and sends left for the next sweep.</summary>
public sealed record WithdrawalRunResult(int Sent, int NotHeld, int EmailedRecently, int Waiting);
