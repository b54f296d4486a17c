using LeadHandoff.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Team;

/// <summary>
/// The roster everything routes by. Until the table is first read it is the one the settings
/// describe; the first read copies the settings into an empty table (the seed), and from then on
/// the table is the truth. Each run refreshes it (at most every <see cref="MaxAge"/>); if storage
/// cannot be read, the last roster read is kept, so routing never stops for it.
/// </summary>
public sealed partial class TeamRoster(RosterStore store, IOptions<RoutingOptions> settings, TimeProvider time, ILogger<TeamRoster> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private Roster? _current;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public Roster Current => _current ??= Roster.FromSettings(settings.Value);

    /// <summary>A roster just written (by the team page): used at once, until the next read.</summary>
    public void Use(Roster roster)
    {
        _current = roster;
        _readAt = time.GetUtcNow();
    }

    public async Task<Roster> RefreshAsync(CancellationToken cancellationToken, bool force = false)
    {
        var now = time.GetUtcNow();
        if (!force && _current is not null && now - _readAt < MaxAge && now >= _readAt) return _current;
        try
        {
            var read = await store.ReadAsync(cancellationToken);
            if (read is null)
            {
                var seed = Roster.FromSettings(settings.Value);
                await store.SeedAsync(seed, cancellationToken);
                LogSeeded(logger, seed.Members.Count, seed.Rules.Count);
                read = (seed.Members, seed.Rules);
            }
            _current = new Roster(read.Value.Members, read.Value.Rules, settings.Value.SalesInboxEmail, "table");
            _readAt = now;
            // The key only: a problem's words can hold a member's name.
            foreach (var problem in _current.Problems) LogProblem(logger, problem.Key);
        }
        catch (StorageUnavailableException ex)
        {
            LogKept(logger, ex.Status);
        }
        return Current;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster table seeded from the settings: {Members} members, {Rules} rules; from now on the table is the truth")]
    private static partial void LogSeeded(ILogger logger, int members, int rules);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster problem {Problem} (the admin page says which)")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster table unreadable (status {Status}); routing goes on with the last roster read")]
    private static partial void LogKept(ILogger logger, int status);
}
