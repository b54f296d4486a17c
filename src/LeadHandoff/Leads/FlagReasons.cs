namespace LeadHandoff.Leads;

/// <summary>Why a submission was kept from sales, in words a marketer reads without a glossary.</summary>
public static class FlagReasons
{
    public static string Describe(string reason) => reason switch
    {
        "honeypot-filled" => "the hidden anti-bot field was filled in (almost always a bot)",
        "honeypot-missing" => "no hidden anti-bot field (a bot, or a form or integration built without it: check new forms)",
        "turnstile-failed" => "the human check was not passed",
        "turnstile-unavailable" => "held back because the human-check service could not be reached (likely real people: review them)",
        "turnstile-unreadablereply" => "held back because the human-check service's answer could not be read (likely real people: review them)",
        "turnstile-tokentoolong" => "a human-check token far longer than any real one",
        "turnstile-wronghostname" => "the human check was solved on another website",
        "turnstile-wrongaction" => "the human check was solved for another form",
        _ => $"flagged ({reason})",
    };
}
