using System.Text.RegularExpressions;
using LeadHandoff.Html;
using LeadHandoff.Html.Emails;

namespace LeadHandoff.Tests.Html;

/// <summary>Pages and emails come from the Razor templates, which encode what they write; C# never writes markup.</summary>
public sealed partial class HtmlTemplatesTests
{
    [Fact]
    public void No_csharp_file_in_src_writes_html_tags()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(RepositoryRoot.Path, f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal) && HtmlInAString().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void A_template_encodes_what_it_writes_and_keeps_thai_as_thai()
    {
        var html = HtmlTemplates.Render<EmailNotice, string>("<script>alert('x')</script> & บริษัท ตัวอย่าง จำกัด");

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; บริษัท ตัวอย่าง จำกัด", html);
        Assert.DoesNotContain("<script>", html);
    }

    // A string literal holding an opening or closing tag of an element our pages and emails use.
    [GeneratedRegex("\"[^\"]*</?(p|div|h[1-6]|table|tr|td|th|a|span|ul|ol|li|form|section|strong|br|input|select|option|label|svg|rect|html|body|main)[ >/]", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlInAString();
}
