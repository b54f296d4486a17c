using LeadHandoff.Functions.Qualification;
using LeadHandoff.Qualification;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.TeamWeek;

/// <summary>
/// <c>/api/team?t=…</c>: the sales manager's week, from the signed link in the escalation email
/// (the link is the credential, as a rep's qualify link is theirs). What it shows and does:
/// <see cref="TeamWeekActions"/>. A signed-in manager reaches the same page at <c>/api/staff/team</c>.
/// </summary>
public sealed class TeamPage(QualificationService qualification, TeamWeekActions week)
{
    [Function(nameof(TeamPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", Route = "team")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["t"].ToString();
        var access = await qualification.OpenTeamAsync(token, cancellationToken);
        if (access is not TeamAccess.Granted team) return QualificationResponses.Refused(request, access is TeamAccess.Refused refused ? refused.Why : Refusal.Forbidden);
        return await week.HandleAsync(request, team, $"{request.Path}?t={Uri.EscapeDataString(token)}", cancellationToken);
    }
}
