using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Storage;

/// <summary>
/// <c>E-{eventId}</c> in the subscription's partition (<c>sub-{id}</c>): that the event was emitted
/// to the subscription, ever, and how its delivery ended. Written in one transaction with its
/// <see cref="WebhookPendingEntity"/>, so an emission is all or nothing and a second emission of the
/// same event (a retry, the reconciler) fails on this row and changes nothing. It holds no personal
/// data: the payload is built from the lead when it is sent, so erasure reaches it.
/// </summary>
public sealed class WebhookEventEntity : ITableEntity
{
    public const string RowPrefix = "E-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Type { get; set; } = "";
    public string WindowId { get; set; } = "";
    public string LeadId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The event's own facts as JSON (a decision's outcome and reason, a reassignment's owners): never personal data.</summary>
    public string Detail { get; set; } = "{}";
    /// <summary>Pending until delivered.</summary>
    public string State { get; set; } = "Pending";
    public int Attempts { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public string EventId => RowKey[RowPrefix.Length..];

    public static string PartitionOf(string subscriptionId) => "sub-" + subscriptionId;
}

/// <summary><c>P-{eventId}</c>: an event still to deliver to the subscription, and when to try next. Deleted with the successful attempt.</summary>
public sealed class WebhookPendingEntity : ITableEntity
{
    public const string RowPrefix = "P-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? FirstFailedAt { get; set; }

    public string EventId => RowKey[RowPrefix.Length..];
}

/// <summary>
/// <c>A-{inverted ticks}-{eventId}</c>: one delivery attempt, for the admins' delivery log. The
/// inverted time makes a plain range query return the newest first.
/// </summary>
public sealed class WebhookAttemptEntity : ITableEntity
{
    public const string RowPrefix = "A-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public int Attempt { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The receiver's HTTP status; 0 when there was no answer.</summary>
    public int Status { get; set; }
    public string Outcome { get; set; } = "";
    public double Milliseconds { get; set; }

    public static string RowKeyOf(DateTimeOffset at, string eventId) => $"{RowPrefix}{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{eventId}";
}

/// <summary><c>state</c>: whether the subscription is on, and since when it has been failing.</summary>
public sealed class WebhookSubscriptionEntity : ITableEntity
{
    public const string StateRow = "state";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = StateRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public bool Disabled { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>The first failure since the last success; null while it is healthy.</summary>
    public DateTimeOffset? FailingSince { get; set; }
}
