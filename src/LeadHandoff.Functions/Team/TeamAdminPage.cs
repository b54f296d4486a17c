using System.Globalization;
using System.Text;
using LeadHandoff.Functions.Http;
using LeadHandoff.Team;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Team;

/// <summary>The admins' team page: who is on the team (and away), the rules in order, what is wrong, and the forms to change them.</summary>
public static class TeamAdminPage
{
    public static string Render(Roster roster, string? message, string selfUrl)
    {
        var body = new StringBuilder("<h1>The team and its routing</h1>")
            .Append("<p class=\"muted\">Leads go to the first rule that matches, if its owner is available (else their backup), otherwise to the pool, evenly; away and inactive people get no new leads.</p>");
        if (message is not null) body.Append($"<p class=\"status\" role=\"status\">{H(message)}</p>");
        if (roster.Problems.Count > 0)
            body.Append("<div class=\"errors\" role=\"alert\"><p><strong>Needs attention:</strong></p><ul>").Append(string.Concat(roster.Problems.Select(p => $"<li>{H(p)}</li>"))).Append("</ul></div>");

        body.Append("<section class=\"card\" aria-labelledby=\"members\"><h2 id=\"members\">Members</h2>")
            .Append("<div class=\"scroll\" role=\"region\" aria-label=\"Members\" tabindex=\"0\"><table style=\"border-collapse:collapse;width:100%\"><thead><tr>")
            .Append(string.Concat(new[] { "Id", "Name", "Email", "Role", "Language", "State", "Backup", "Pool", "Weekly capacity" }.Select(h => $"<th scope=\"col\" style=\"text-align:left\">{h}</th>")))
            .Append("</tr></thead><tbody>");
        foreach (var m in roster.Members.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            var state = !m.Active ? "Inactive" : m.AwayFrom is { } from && m.AwayTo is { } to ? $"Away {from:yyyy-MM-dd} to {to:yyyy-MM-dd}" : "Active";
            body.Append($"<tr><th scope=\"row\" style=\"text-align:left;font-weight:400\">{H(m.Id)}</th><td>{H(m.Name)}</td><td>{H(m.Email)}</td><td>{m.Role}</td><td>{H(m.Language)}</td>")
                .Append($"<td>{H(state)}</td><td>{H(m.Backup ?? "")}</td><td>{(m.InPool ? "yes" : "no")}</td><td>{m.WeeklyCapacity?.ToString(CultureInfo.InvariantCulture) ?? ""}</td></tr>");
        }
        body.Append("</tbody></table></div>")
            .Append($"<h3>Add or change a member</h3><form method=\"post\" action=\"{H(selfUrl)}\"><input type=\"hidden\" name=\"action\" value=\"save-member\">")
            .Append(Field("id", "Id (e.g. rep-07; an existing id changes that member)"))
            .Append(Field("name", "Name")).Append(Field("email", "Email", "email"))
            .Append("<label for=\"role\">Role</label><select id=\"role\" name=\"role\">").Append(string.Concat(Enum.GetNames<TeamRole>().Select(r => $"<option>{r}</option>"))).Append("</select>")
            .Append("<label for=\"language\">Language</label><select id=\"language\" name=\"language\"><option value=\"en\">English</option><option value=\"th\">ไทย (Thai)</option></select>")
            .Append(Field("awayFrom", "Away from (yyyy-MM-dd)", required: false)).Append(Field("awayTo", "Away to (yyyy-MM-dd)", required: false))
            .Append(Field("backup", "Backup's id", required: false)).Append(Field("weeklyCapacity", "Weekly capacity", "number", required: false))
            .Append("<div class=\"choice\"><input type=\"checkbox\" id=\"active\" name=\"active\" checked><label for=\"active\">Active (untick when someone leaves: nobody is deleted)</label></div>")
            .Append("<div class=\"choice\"><input type=\"checkbox\" id=\"inPool\" name=\"inPool\"><label for=\"inPool\">In the pool (shares leads no rule matches)</label></div>")
            .Append("<button type=\"submit\">Save member</button></form></section>");

        body.Append("<section class=\"card\" aria-labelledby=\"rules\"><h2 id=\"rules\">Routing rules, in order</h2><ol>");
        foreach (var r in roster.Rules.OrderBy(r => r.Order))
        {
            var when = string.Join(", ", new[] { ("sector", r.Sector), ("size", r.SizeBand), ("offer", r.Offer), ("email domain", r.EmailDomain) }.Where(c => c.Item2 is not null).Select(c => $"{c.Item1} {c.Item2}"));
            body.Append($"<li value=\"{r.Order}\">{H(when)} → {H(r.Owner)} <form method=\"post\" action=\"{H(selfUrl)}\" style=\"display:inline\"><input type=\"hidden\" name=\"action\" value=\"remove-rule\"><input type=\"hidden\" name=\"order\" value=\"{r.Order}\"><button type=\"submit\" aria-label=\"Remove rule {r.Order}\">Remove</button></form></li>");
        }
        body.Append("</ol>")
            .Append($"<h3>Add or change a rule</h3><form method=\"post\" action=\"{H(selfUrl)}\"><input type=\"hidden\" name=\"action\" value=\"save-rule\">")
            .Append(Field("order", "Order (1 goes first; an existing order changes that rule)", "number"))
            .Append(Field("owner", "Owner's id"))
            .Append(Field("sector", "Sector", required: false)).Append(Field("sizeBand", "Company size", required: false))
            .Append(Field("offer", "Offer", required: false)).Append(Field("emailDomain", "Email domain", required: false))
            .Append("<button type=\"submit\">Save rule</button></form></section>");
        return PageLayout.Render("Team and routing", body.ToString());
    }

    private static string Field(string name, string label, string type = "text", bool required = true) =>
        $"<label for=\"{name}\">{H(label)}</label><input type=\"{type}\" id=\"{name}\" name=\"{name}\"{(required ? " required" : "")}>";
}
