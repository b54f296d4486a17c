using System.Text.Json;
using LeadHandoff.Functions.Http;
using LeadHandoff.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LeadHandoff.Functions.Intake;

/// <summary>
/// <c>GET /api/form-stamp</c>: the signed instant a lead form was shown, for its hidden
/// <c>lh_stamp</c> field, so the intake can tell how fast it was filled. JSON
/// (<c>{"stamp": …}</c>) for a form that fetches it; <c>format=js</c> a one-line script that fills
/// every <c>lh_stamp</c> field on the page, for a static page on another origin (a script tag needs
/// no CORS). Never cached: each visit gets its own instant.
/// </summary>
public sealed class FormStamp(FormStamps stamps)
{
    [Function(nameof(FormStamp))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "form-stamp")] HttpRequest request)
    {
        var stamp = stamps.Issue();
        var response = request.Query["format"] == "js"
            ? new WebResponse(StatusCodes.Status200OK, "text/javascript; charset=utf-8",
                $"document.querySelectorAll('input[name=\"{LeadFields.Stamp.Name}\"]').forEach(function (i) {{ i.value = {JsonSerializer.Serialize(stamp)}; }});\n")
            : WebResponse.JsonBody(StatusCodes.Status200OK, new { stamp });
        return response.WithHeader("Cache-Control", "no-store");
    }
}
