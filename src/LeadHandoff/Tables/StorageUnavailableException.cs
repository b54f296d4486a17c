namespace LeadHandoff.Tables;

/// <summary>Table Storage could not be reached or failed after retries. Carries no entity data.</summary>
public sealed class StorageUnavailableException(string operation, int status, string? errorCode, Exception inner)
    : Exception($"Table Storage failed during {operation} (status {status}, {errorCode ?? "no error code"}).", inner)
{
    public int Status { get; } = status;

    public string? ErrorCode { get; } = errorCode;
}
