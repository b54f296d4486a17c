namespace LeadHandoff.Html.Emails;

/// <summary>
/// The inline styles emails share. Inline, because Gmail and Outlook drop or rewrite a document's
/// stylesheet; constants, because they are ours and never carry anything a person typed.
/// </summary>
public static class EmailStyle
{
    public const string Page = "font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222;line-height:1.45";
    public const string Table = "border-collapse:collapse;width:100%;margin:8px 0 16px";
    public const string Cell = "border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top";
    public const string H1 = "font-size:20px";
    public const string H2 = "font-size:17px";

    /// <summary>Where the content of the column begins: a notice added later goes here, inside the column.</summary>
    public const string ContentStart = "<!--content-->";
}
