using System.Text;
using LeadHandoff.Intake;
using LeadHandoff.Leads;
using LeadHandoff.Qualification;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Qualification;

/// <summary>The parts of the sales pages that show a lead, its decision, and the form to decide it.</summary>
public static class DecisionForm
{
    public static string Details(Lead lead)
    {
        var d = lead.Details;
        var source = string.Join(" / ", new[] { d.Source.Offer, d.Source.UtmCampaign, d.Source.UtmSource }.Where(s => !string.IsNullOrEmpty(s)));
        var rows = new List<(string, string)>
        {
            ("Name", H(d.Name)),
            ("Job title", H(d.JobTitle)),
            ("Email", $"<a href=\"mailto:{H(d.Email)}\">{H(d.Email)}</a>"),
        };
        if (d.Phone is not null) rows.Add(("Phone", $"<a href=\"tel:{H(TelTarget(d.Phone))}\">{H(d.Phone)}</a>"));
        rows.AddRange(
        [
            ("Sector", H(d.Segment.Sector)),
            ("Company size", H(d.Segment.SizeBand)),
            ("Source", H(source)),
            ("Submissions", lead.SubmissionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Message", Lines(d.Message)),
        ]);
        var html = new StringBuilder("<dl>");
        foreach (var (term, value) in rows) html.Append($"<dt>{term}</dt><dd>{value}</dd>");
        return html.Append("</dl>").ToString();
    }

    /// <summary>A phone number as a tel: target: the digits, and a leading + when the number has one.</summary>
    public static string TelTarget(string phone) =>
        (phone.TrimStart().StartsWith('+') ? "+" : "") + new string(phone.Where(char.IsAsciiDigit).ToArray());

    public static string State(Lead lead, IReadOnlyList<RejectReasonOptions> reasons, TimeZoneInfo zone)
    {
        if (lead.Decision is not { } decision) return "<p><span class=\"pill\">Undecided</span></p>";
        var reason = decision.Reason is null ? "" : $" — {H(reasons.FirstOrDefault(r => r.Id == decision.Reason)?.Label ?? decision.Reason)}";
        var note = decision.Note is null ? "" : $"<br><span class=\"muted\">Note:</span> {H(decision.Note)}";
        var timing = decision.OnTime ? "on time" : "after the deadline";
        return $"<p><span class=\"pill\">{Label(decision.Decision)}</span>{reason}<br><span class=\"muted\">Recorded {H(Local(decision.DecidedAt, zone))}, {timing}.</span>{note}</p>";
    }

    /// <param name="entered">A refused submission (or a one-tap choice): shown instead of the current decision, so nothing typed is lost.</param>
    /// <param name="button">The submit button's words.</param>
    /// <param name="formAction">A hidden <c>action</c> field, for pages whose forms do several things.</param>
    public static string Form(string action, string idSuffix, Lead lead, IReadOnlyList<RejectReasonOptions> reasons, string? leadField = null, IReadOnlyDictionary<string, string>? entered = null, string button = "Record decision", string? formAction = null)
    {
        var current = lead.Decision;
        var chosenValue = entered?.GetValueOrDefault("decision") ?? current?.Decision switch
        {
            Decision.Accepted => "accept",
            Decision.Rejected => "reject",
            Decision.Nurture => "nurture",
            _ => null,
        };
        var chosenReason = entered is not null && entered.ContainsKey("reason") ? entered["reason"] : current?.Reason;
        var note = entered is not null && entered.ContainsKey("note") ? entered["note"] : current?.Note;
        string Choice(string value, string label)
        {
            var id = $"decision-{value}{idSuffix}";
            var chosen = chosenValue == value ? " checked" : "";
            return $"<div class=\"choice\"><input type=\"radio\" id=\"{id}\" name=\"decision\" value=\"{value}\" required{chosen}><label for=\"{id}\">{label}</label></div>";
        }
        var html = new StringBuilder($"<form method=\"post\" action=\"{H(action)}\">");
        if (formAction is not null) html.Append($"<input type=\"hidden\" name=\"action\" value=\"{H(formAction)}\">");
        if (leadField is not null) html.Append($"<input type=\"hidden\" name=\"lead\" value=\"{H(leadField)}\">");
        html.Append("<fieldset><legend>Decision</legend>")
            .Append(Choice("accept", "Accept: a sales-qualified lead"))
            .Append(Choice("reject", "Reject"))
            .Append(Choice("nurture", "Return to nurture: not ready yet"))
            .Append("</fieldset>")
            .Append($"<label for=\"reason{idSuffix}\">Reason, when rejecting</label><select id=\"reason{idSuffix}\" name=\"reason\"><option value=\"\">Choose a reason…</option>");
        foreach (var reason in reasons)
        {
            var selected = chosenReason == reason.Id ? " selected" : "";
            html.Append($"<option value=\"{H(reason.Id)}\"{selected}>{H(reason.Label)}</option>");
        }
        html.Append("</select>")
            .Append($"<label for=\"note{idSuffix}\">Note <span class=\"muted\">(optional; required for Other)</span></label>")
            .Append($"<textarea id=\"note{idSuffix}\" name=\"note\" rows=\"2\" maxlength=\"{QualificationOptions.MaxNoteLength}\">{H(note)}</textarea>")
            .Append($"<button type=\"submit\">{H(button)}</button></form>");
        return html.ToString();
    }

    public static string Errors(FieldErrors? errors)
    {
        if (errors is null || errors.Count == 0) return "";
        var html = new StringBuilder("<div class=\"errors\" role=\"alert\"><p><strong>The decision was not recorded:</strong></p><ul>");
        foreach (var message in errors.Messages) html.Append($"<li>{H(message)}</li>");
        return html.Append("</ul></div>").ToString();
    }

    /// <summary>The banner after post/redirect/get.</summary>
    public static string Banner(string? done) => done switch
    {
        "recorded" => "<p class=\"status\" role=\"status\">Your decision was recorded.</p>",
        "changed" => "<p class=\"status\" role=\"status\">Your decision was changed; the previous one is kept in the lead's history.</p>",
        "already" => "<p class=\"status\" role=\"status\">That decision was already recorded: nothing changed.</p>",
        "conflict" => "<p class=\"errors\" role=\"alert\">Someone else recorded a decision at the same moment. This is the lead's decision now; submit again if you want to change it.</p>",
        _ => "",
    };

    public static string Label(Decision decision) => decision switch
    {
        Decision.Accepted => "Accepted (SQL)",
        Decision.Rejected => "Rejected",
        _ => "Returned to nurture",
    };

    public static string DoneCode(DecisionResult result) => result switch
    {
        DecisionResult.Recorded => "recorded",
        DecisionResult.Changed => "changed",
        DecisionResult.AlreadyRecorded => "already",
        _ => "conflict",
    };
}
