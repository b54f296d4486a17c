using System.Globalization;
using LeadHandoff.Agreement;
using LeadHandoff.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Agreement;

/// <summary>
/// Programs change the agreement in JSON, behind a key made on this function:
/// <c>POST /api/agreement/proposals</c> with <c>side</c> (marketing or sales), <c>by</c>, an
/// optional <c>note</c> and the terms that change (<c>weeklyTarget</c>, <c>qualityTarget</c>,
/// <c>onTimeTarget</c> as a share, <c>offers</c>, <c>sectors</c>, <c>sizeBands</c> comma-separated,
/// <c>hotLaneHours</c>, <c>rejectReasons</c> one per line "id | English | Thai", <c>ladder</c> one
/// step per line "hours recipient template [address]", <c>deadlineDay</c> (Wednesday) and
/// <c>deadlineTime</c> (17:00); a term left out keeps its current value); then <c>POST …/proposals/{id}/approve</c> or
/// <c>/decline</c> with the other <c>side</c> and <c>by</c>, or <c>/withdraw</c> by the proposing side.
/// </summary>
public sealed class AgreementProposals(AgreementService agreement)
{
    private static readonly HashSet<string> Known = ["side", "by", "note", "weeklyTarget", "qualityTarget", "onTimeTarget", "offers", "sectors", "sizeBands", "hotLaneHours", "rejectReasons", "ladder", "deadlineDay", "deadlineTime"];

    [Function(nameof(AgreementProposals))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "agreement/proposals/{id?}/{step?}")] HttpRequest request,
        string? id,
        string? step,
        CancellationToken cancellationToken)
    {
        var form = await RequestBody.ReadAsync(request, 8 * 1024, allowJson: true, cancellationToken, Known);
        if (form is not SubmittedForm.Fields { Values: var fields }) return BodyRefusal.For(form, json: true, null, null);
        var userAgent = request.Headers.UserAgent.ToString();
        if (!Enum.TryParse<AgreementSide>(fields.GetValueOrDefault("side"), ignoreCase: true, out var side) || !Enum.IsDefined(side))
            return Invalid(Error("side", "AgreementSide"));
        var by = fields.GetValueOrDefault("by")?.Trim() ?? "";
        if (by.Length is 0 or > 200) return Invalid(Error("by", "AgreementBy"));
        var actor = $"{by} (key)";

        if (id is null)
        {
            var current = (await agreement.CurrentAsync(cancellationToken)).Latest.Terms;
            var (terms, errors) = AgreementForm.Read(fields, current);
            if (errors.Count > 0) return Invalid(errors);
            var (refused, proposal) = await agreement.ProposeAsync(terms, side, actor, fields.GetValueOrDefault("note") ?? "", userAgent, cancellationToken);
            if (proposal is null)
                return WebResponse.Problem(refused.Fields.Contains("proposal") ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, "The proposal was not made.", errors: refused.ToDictionary());
            return WebResponse.JsonBody(StatusCodes.Status201Created, AgreementJson.Proposal(proposal, current));
        }
        var outcome = step switch
        {
            "approve" => (await agreement.ApproveAsync(id, side, actor, userAgent, cancellationToken)).Outcome,
            "decline" => await agreement.CloseAsync(id, ProposalState.Declined, side, actor, userAgent, cancellationToken),
            "withdraw" => await agreement.CloseAsync(id, ProposalState.Withdrawn, side, actor, userAgent, cancellationToken),
            _ => (ProposalOutcome?)null,
        };
        if (outcome is null) return WebResponse.Problem(StatusCodes.Status404NotFound, "Not found.", "Post to /approve, /decline or /withdraw.");
        return outcome switch
        {
            ProposalOutcome.Done => WebResponse.JsonBody(StatusCodes.Status200OK, AgreementJson.Proposal((await agreement.CurrentAsync(cancellationToken)).Proposals.First(p => p.Id == id), null)),
            ProposalOutcome.NotFound => WebResponse.Problem(StatusCodes.Status404NotFound, "No such proposal."),
            ProposalOutcome.SameSide => WebResponse.Problem(StatusCodes.Status403Forbidden, "Not this side's to do.", step == "withdraw" ? "Only the side that proposed a change withdraws it." : "The other side's head approves or declines a change."),
            _ => WebResponse.Problem(StatusCodes.Status409Conflict, "The proposal is not open.", "It was approved, declined or withdrawn already."),
        };
    }

    private static FieldErrors Error(string field, string key)
    {
        var errors = new FieldErrors();
        errors.Add(field, key);
        return errors;
    }

    private static WebResponse Invalid(FieldErrors errors) => WebResponse.Problem(StatusCodes.Status400BadRequest, "Invalid proposal request.", errors: errors.ToDictionary());
}

/// <summary>Reads proposed terms from form or JSON fields: a term left out keeps its current value.</summary>
public static class AgreementForm
{
    public static (AgreementTerms Terms, FieldErrors Errors) Read(IReadOnlyDictionary<string, string> f, AgreementTerms current)
    {
        var errors = new FieldErrors();
        var weekly = current.WeeklyTarget;
        if (f.GetValueOrDefault("weeklyTarget") is { Length: > 0 } w && !int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out weekly)) errors.Add("weeklyTarget", "AgreementWeeklyTarget");
        double Share(string name, double now)
        {
            if (f.GetValueOrDefault(name) is not { Length: > 0 } text) return now;
            var percent = text.TrimEnd().EndsWith('%');
            if (double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return percent ? value / 100 : value;
            errors.Add(name, "AgreementShare", new FieldLabel(name));
            return now;
        }
        IReadOnlyList<string> List(string name, IReadOnlyList<string> now) =>
            f.TryGetValue(name, out var text) ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)] : now;
        var hotLane = current.HotLaneHours;
        if (f.GetValueOrDefault("hotLaneHours") is { Length: > 0 } h && (!double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out hotLane) || !double.IsFinite(hotLane))) errors.Add("hotLaneHours", "AgreementHotLane");
        var reasons = f.TryGetValue("rejectReasons", out var reasonText) ? Reasons(reasonText) : current.Reasons;
        var ladder = current.Steps;
        if (f.TryGetValue("ladder", out var ladderText))
        {
            var steps = Ladder(ladderText);
            if (steps is null) errors.Add("ladder", "AgreementLadderCount");
            else ladder = steps;
        }
        var deadlineDay = current.DeadlineDay;
        if (f.GetValueOrDefault("deadlineDay") is { Length: > 0 } d)
        {
            if (Enum.TryParse<DayOfWeek>(d, ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(d, out _)) deadlineDay = day;
            else errors.Add("deadline", "AgreementDeadline");
        }
        var deadlineTime = current.DeadlineTime;
        if (f.GetValueOrDefault("deadlineTime") is { Length: > 0 } tt)
        {
            if (TimeOnly.TryParseExact(tt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) deadlineTime = at;
            else errors.Add("deadline", "AgreementDeadline");
        }
        var terms = new AgreementTerms(weekly, Share("qualityTarget", current.QualityTarget), Share("onTimeTarget", current.OnTimeTarget),
            List("offers", current.Offers), List("sectors", current.Sectors), List("sizeBands", current.SizeBands), hotLane, reasons, ladder, deadlineDay, deadlineTime);
        if (errors.Count == 0) errors = terms.Check();
        return (terms, errors);
    }

    /// <summary>One reason per line: "id | English words | Thai words" (the Thai words may be left out).</summary>
    public static IReadOnlyList<AgreementReason> Reasons(string text) =>
        [.. Lines(text).Select(line => line.Split('|', StringSplitOptions.TrimEntries)).Select(p => new AgreementReason(p[0], p.Length > 1 ? p[1] : "", p.Length > 2 && p[2].Length > 0 ? p[2] : null))];

    /// <summary>One step per line: "hours recipient template [address]", e.g. "24 Manager Escalation"; null when a line is not that shape.</summary>
    public static IReadOnlyList<AgreementStep>? Ladder(string text)
    {
        var steps = new List<AgreementStep>();
        foreach (var line in Lines(text))
        {
            var p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length is < 3 or > 4 || !int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)) return null;
            steps.Add(new AgreementStep(hours, Canonical(p[1], AgreementStep.Recipients), Canonical(p[2], AgreementStep.Templates), p.Length == 4 ? p[3] : null));
        }
        return steps;
    }

    /// <summary>A step or a reason as its line is typed, for the form's text areas.</summary>
    public static string Line(AgreementStep s) => $"{s.OffsetHours.ToString(CultureInfo.InvariantCulture)} {s.Recipient} {s.Template}{(s.Address is { Length: > 0 } a ? " " + a : "")}";

    public static string Line(AgreementReason r) => r.ThaiLabel is { Length: > 0 } th ? $"{r.Id} | {r.Label} | {th}" : $"{r.Id} | {r.Label}";

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Canonical(string typed, string[] names) => names.FirstOrDefault(n => string.Equals(n, typed, StringComparison.OrdinalIgnoreCase)) ?? typed;
}
