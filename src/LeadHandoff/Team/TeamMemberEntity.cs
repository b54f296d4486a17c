using Azure;
using Azure.Data.Tables;

namespace LeadHandoff.Team;

/// <summary>A roster row: partition <c>member</c>, row key the member's id.</summary>
internal sealed class TeamMemberEntity : ITableEntity
{
    public const string Partition = "member";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = nameof(TeamRole.Rep);
    public string Language { get; set; } = "en";
    public bool Active { get; set; } = true;
    /// <summary>yyyy-MM-dd, or empty.</summary>
    public string AwayFrom { get; set; } = "";
    public string AwayTo { get; set; } = "";
    public string Backup { get; set; } = "";
    public int? WeeklyCapacity { get; set; }
    public bool InPool { get; set; }
    /// <summary>The member's Entra object id: what staff sign-in knows them by. Empty until an admin enters it.</summary>
    public string ObjectId { get; set; } = "";

    public static TeamMemberEntity From(TeamMember m) => new()
    {
        RowKey = m.Id, Name = m.Name, Email = m.Email, Role = m.Role.ToString(), Language = m.Language, Active = m.Active,
        AwayFrom = m.AwayFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        AwayTo = m.AwayTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        Backup = m.Backup ?? "", WeeklyCapacity = m.WeeklyCapacity, InPool = m.InPool, ObjectId = m.ObjectId ?? "",
    };

    public TeamMember ToMember() => new(
        RowKey, Name, Email,
        Enum.TryParse<TeamRole>(Role, out var role) ? role : TeamRole.Rep,
        Language, Active, Day(AwayFrom), Day(AwayTo), Backup.Length == 0 ? null : Backup, WeeklyCapacity, InPool, ObjectId.Length == 0 ? null : ObjectId);

    private static DateOnly? Day(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
}
