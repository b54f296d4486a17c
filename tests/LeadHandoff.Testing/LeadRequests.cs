using System.Text;
using System.Text.Json;

namespace LeadHandoff.Testing;

/// <summary>Request bodies the way a browser form or a fetch call sends them.</summary>
public static class LeadRequests
{
    public static Dictionary<string, string> Valid(string email = "ada@example.com", string name = "Ada Lovelace") => new()
    {
        ["name"] = name,
        ["email"] = email,
        ["company"] = "Analytical Engines Ltd",
        ["job_title"] = "Head of Computing",
        ["phone"] = "+44 20 7946 0000",
        ["message"] = "We would like a demo.",
        ["sector"] = "Software",
        ["company_size"] = "11-50",
        ["offer"] = "pricing-guide",
        ["utm_source"] = "newsletter",
        ["utm_campaign"] = "spring",
        ["lh_trap"] = "",
    };

    public static TestRequest UrlEncoded(IReadOnlyDictionary<string, string> fields, string ip = "203.0.113.10") =>
        new("POST", "application/x-www-form-urlencoded", new FormUrlEncodedContent(fields).ReadAsByteArrayAsync().Result, ip);

    public static TestRequest Multipart(IReadOnlyDictionary<string, string> fields)
    {
        var content = new MultipartFormDataContent("----leadhandoff-test-boundary");
        foreach (var (name, value) in fields) content.Add(new StringContent(value, Encoding.UTF8), name);
        return new("POST", content.Headers.ContentType!.ToString(), content.ReadAsByteArrayAsync().Result);
    }

    public static TestRequest Json(object body, string ip = "203.0.113.10") =>
        new("POST", "application/json", JsonSerializer.SerializeToUtf8Bytes(body), ip);

    public static TestRequest Raw(string contentType, string body) =>
        new("POST", contentType, Encoding.UTF8.GetBytes(body));
}
