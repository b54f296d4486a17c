using System.Globalization;
using LeadHandoff.Functions.Http;
using LeadHandoff.Functions.Staff;
using LeadHandoff.Html;
using LeadHandoff.Invitations;
using LeadHandoff.Team;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Team;

/// <summary>
/// <c>/api/team/roster</c>: the admins' page for the team and the routing rules, which live in
/// Table Storage (seeded from the settings on first start). GET shows them (HTML, or JSON for
/// <c>format=json</c>); POST changes one thing: <c>action=save-member</c>, <c>save-rule</c>,
/// <c>remove-rule</c> or <c>invite</c> (emails <c>member</c> a one-time link to bind their work account). A change that does not check out is refused with <c>422</c> naming each field
/// (the page again with the errors and what was typed, or a problem for <c>format=json</c>);
/// a saved one routes the next lead. Behind a key made on this function alone.
/// </summary>
public sealed class TeamAdmin(TeamAdminService admin, StaffInvitations invitations)
{
    [Function(nameof(TeamAdmin))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "team/roster")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var json = request.Query["format"].ToString() == "json";
        var t = json ? StaffPageText.English : Staff.StaffRequest.TextFor(request);
        string? message = null;
        FieldErrors? refused = null;
        IReadOnlyDictionary<string, string>? entered = null;
        var status = StatusCodes.Status200OK;
        if (HttpMethods.IsPost(request.Method))
        {
            if (await RequestBody.ReadAsync(request, 8 * 1024, allowJson: false, cancellationToken) is not SubmittedForm.Fields { Values: var fields })
                return WebResponse.Problem(StatusCodes.Status400BadRequest, "The form could not be read.");
            var (errors, done) = fields.GetValueOrDefault("action") switch
            {
                "save-member" => await SaveMemberAsync(fields, t, cancellationToken),
                "save-rule" => await SaveRuleAsync(fields, t, cancellationToken),
                "invite" => await InviteAsync(fields.GetValueOrDefault("member") ?? "", t, cancellationToken),
                "remove-rule" when int.TryParse(fields.GetValueOrDefault("order"), NumberStyles.None, CultureInfo.InvariantCulture, out var order) =>
                    (new FieldErrors(), await RemoveRuleAsync(order, t, cancellationToken)),
                _ => (Error("action", "AdminAction"), null),
            };
            if (errors.Count > 0 && json)
                return WebResponse.Problem(StatusCodes.Status422UnprocessableEntity, "The change was not saved.", errors: errors.ToDictionary());
            if (errors.Count > 0)
                (status, refused, entered) = (StatusCodes.Status422UnprocessableEntity, errors, fields);
            message = done;
        }
        var roster = await admin.CurrentAsync(cancellationToken);
        return json
            ? WebResponse.JsonBody(status, new
            {
                message,
                // The role by name, as the form takes it.
                members = roster.Members.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => new { m.Id, m.Name, m.Email, Role = m.Role.ToString().ToLowerInvariant(), m.Language, m.Active, m.AwayFrom, m.AwayTo, m.Backup, m.WeeklyCapacity, m.InPool, WorkAccountLinked = m.ObjectId is not null }),
                rules = roster.Rules.OrderBy(r => r.Order),
                problems = roster.Problems.Select(ValidationText.English.Describe),
            })
            : WebResponse.Page(status, HtmlTemplates.Render<TeamAdminPage, TeamAdminPage.Data>(new(t, roster, message, request.Path + request.QueryString.ToString(), refused, entered, StaffForms.TokenOf(request))));
    }

    private async Task<(FieldErrors, string?)> SaveMemberAsync(IReadOnlyDictionary<string, string> f, StaffPageText t, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var role = Enum.TryParse<TeamRole>(f.GetValueOrDefault("role") ?? "Rep", ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : (TeamRole?)null;
        if (role is null) errors.Add("role", "MemberRole");
        var from = Day(f, "awayFrom", errors);
        var to = Day(f, "awayTo", errors);
        int? capacity = null;
        if (f.GetValueOrDefault("weeklyCapacity") is { Length: > 0 } c)
        {
            if (int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) capacity = n;
            else errors.Add("weeklyCapacity", "CapacityWhole");
        }
        if (errors.Count > 0) return (errors, null);
        var member = new TeamMember(
            (f.GetValueOrDefault("id") ?? "").Trim(), (f.GetValueOrDefault("name") ?? "").Trim(), (f.GetValueOrDefault("email") ?? "").Trim(), role!.Value,
            (f.GetValueOrDefault("language") ?? "en").Trim(), Active: f.GetValueOrDefault("active") is "on" or "true", from, to,
            f.GetValueOrDefault("backup") is { Length: > 0 } b ? b.Trim() : null, capacity, InPool: f.GetValueOrDefault("inPool") is "on" or "true",
            ObjectId: f.GetValueOrDefault("objectId") is { Length: > 0 } o ? o.Trim() : null);
        errors = await admin.SaveMemberAsync(member, cancellationToken);
        return (errors, errors.Count == 0 ? t["MemberSaved", member.Name] : null);
    }

    private async Task<(FieldErrors, string?)> InviteAsync(string memberId, StaffPageText t, CancellationToken cancellationToken)
    {
        var state = await invitations.InviteAsync(memberId.Trim(), cancellationToken);
        if (state is null) return (Error("member", "InviteNoMember"), null);
        var name = (await admin.CurrentAsync(cancellationToken)).Member(memberId.Trim())?.Name ?? memberId;
        // A send that did not go through is said, not hidden: the admin can send it again.
        return (new FieldErrors(), state.Value.IsDelivered() ? t["InviteSent", name] : t["InviteSent", name] + " (" + state + ")");
    }

    private async Task<(FieldErrors, string?)> SaveRuleAsync(IReadOnlyDictionary<string, string> f, StaffPageText t, CancellationToken cancellationToken)
    {
        if (!int.TryParse(f.GetValueOrDefault("order"), NumberStyles.None, CultureInfo.InvariantCulture, out var order))
            return (Error("order", "RuleOrderWhole"), null);
        string? Condition(string name) => f.GetValueOrDefault(name) is { Length: > 0 } v ? v.Trim() : null;
        var rule = new RoutingRule(order, (f.GetValueOrDefault("owner") ?? "").Trim(), Condition("sector"), Condition("sizeBand"), Condition("offer"), Condition("emailDomain"));
        var errors = await admin.SaveRuleAsync(rule, cancellationToken);
        return (errors, errors.Count == 0 ? t["RuleSaved", order] : null);
    }

    private async Task<string> RemoveRuleAsync(int order, StaffPageText t, CancellationToken cancellationToken)
    {
        await admin.RemoveRuleAsync(order, cancellationToken);
        return t["RuleRemoved", order];
    }

    private static DateOnly? Day(IReadOnlyDictionary<string, string> f, string name, FieldErrors errors)
    {
        if (f.GetValueOrDefault(name) is not { Length: > 0 } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors.Add(name, "DateFormat", new FieldLabel(name));
        return null;
    }

    private static FieldErrors Error(string field, string key)
    {
        var errors = new FieldErrors();
        errors.Add(field, key);
        return errors;
    }
}
