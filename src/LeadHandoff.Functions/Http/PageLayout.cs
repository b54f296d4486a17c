using LeadHandoff.Branding;
using System.Text;
using static LeadHandoff.Email.EmailText;

namespace LeadHandoff.Functions.Http;

/// <summary>The shell every sales page shares: landmarks, a phone-sized layout, one small inline stylesheet, no script.</summary>
public static class PageLayout
{
    private const string Style = """
        :root{color-scheme:light;--ink:#1b1f24;--muted:#5a6472;--line:#d5dae1;--accent:#0b5cad;--ok:#e6f4ea;--bad:#fdecea}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--ink);background:#f6f7f9}
        header{background:#fff;border-bottom:1px solid var(--line);padding:.6rem 1rem}header p{margin:0;font-weight:700}
        main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.4rem 0 1rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
        dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.2rem .8rem;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
        .status{padding:.6rem .8rem;border-radius:6px;background:var(--ok);margin:0 0 1rem}.errors{padding:.6rem .8rem;border-radius:6px;background:var(--bad);margin:0 0 1rem}
        fieldset{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;padding:.4rem .8rem}legend{font-weight:600}
        .choice{display:flex;gap:.5rem;align-items:center;padding:.35rem 0;min-height:2.75rem}.choice input{width:1.3rem;height:1.3rem}
        label{font-weight:600}select,textarea{display:block;width:100%;font:inherit;padding:.5rem;margin:.2rem 0 .6rem;border:1px solid #8a94a3;border-radius:6px}
        button{font:inherit;font-weight:600;padding:.7rem 1.2rem;min-height:2.75rem;border:0;border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
        :focus-visible{outline:3px solid #f0b400;outline-offset:2px}td,th{padding:.3rem .5rem;border-bottom:1px solid var(--line);text-align:right}svg{width:100%;max-width:40rem;height:auto;display:block}
        .scroll{overflow-x:auto;border:1px solid var(--line);border-radius:6px}.scroll table{min-width:40rem}.scroll-hint{font-size:.9rem;margin:.2rem 0}@media (min-width:48rem){.scroll-hint{display:none}}.muted{color:var(--muted)}.pill{display:inline-block;padding:0 .5rem;border-radius:999px;background:#eef1f5;font-size:.9rem}
        """;

    /// <param name="brand">
    /// For pages the public sees: the company's name (or logo) in the header, its colour, and a
    /// footer with its support contact and privacy notice. Staff pages leave it out.
    /// </param>
    public static string Render(string title, string body, BrandOptions? brand = null)
    {
        var name = brand?.Name ?? "LeadHandoff";
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\">")
            .Append($"<title>{H(title)} · {H(name)}</title><style>{Style}")
            // The accent is a checked #rrggbb, so nothing but a colour reaches the stylesheet.
            .Append(brand is null ? "" : $":root{{--accent:{brand.Accent}}}a{{color:var(--accent)}}")
            .Append("</style></head><body><header>")
            .Append(brand?.Logo is { } logo ? $"<p><img src=\"{H(logo)}\" alt=\"{H(name)}\" height=\"32\"></p>" : $"<p>{H(name)}</p>")
            .Append("</header><main id=\"main\">")
            .Append(body)
            .Append("</main>");
        if (brand is not null && (brand.Support is not null || brand.Privacy is not null))
        {
            html.Append("<footer class=\"muted\" style=\"max-width:46rem;margin:0 auto;padding:0 1rem 2rem\"><p>");
            if (brand.Support is { } support) html.Append($"Questions? Write to <a href=\"mailto:{H(support)}\">{H(support)}</a>. ");
            if (brand.Privacy is { } privacy) html.Append($"<a href=\"{H(privacy)}\">How {H(name)} uses your details</a>.");
            html.Append("</p></footer>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>The page a refused link gets: what happened, and no personal data.</summary>
    public static string Refused(bool expired) => expired
        ? Render("Link expired", "<h1>This link has expired</h1><div class=\"card\"><p>The link has expired, or the lead it pointed to is no longer held. Ask your sales manager if you still need to act on it.</p></div>")
        : Render("Link not valid", "<h1>This link is not valid</h1><div class=\"card\"><p>The link was changed, is incomplete, or belongs to someone else. Open it again from your LeadHandoff email.</p></div>");
}
