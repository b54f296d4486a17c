using System.Text;
using LeadHandoff.Deadlines;
using LeadHandoff.Email;
using LeadHandoff.Leads;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.Email;

/// <summary>What people read in every email: whole messages, right plurals, subjects that fit, CSV that Excel reads.</summary>
public sealed class EmailTextTests
{
    [Theory]
    [InlineData(1, "en", "1 minute late")]
    [InlineData(2, "en", "2 minutes late")]
    [InlineData(1, "th", "ช้า 1 นาที")]
    [InlineData(2, "th", "ช้า 2 นาที")]
    public void Lateness_uses_the_right_number(int minutes, string language, string expected)
    {
        Assert.Equal(expected, StaffEmailText.For(language).Late(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Each_line_of_a_message_is_encoded_on_its_own_and_the_breaks_survive()
    {
        var calendar = new SlaCalendar(Options.Create(new SlaOptions()));
        var window = calendar.WindowOf(new DateOnly(2026, 12, 7));
        var lead = new Lead("l1", window.Id, new LeadDetails("Ada", "ada@example.com", "Engines", "CTO", null,
            "Demo & pricing\r\n<b>soon</b>\n\nThanks", new Segment("Software", "11-50"), new MarketingSource("demo", null, null, null), new Consent(true, "v1")),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, "rep-1");

        var mail = OwnerBatchEmail.Compose("x", window, new LeadHandoff.Team.Owner("rep-1", "Rita", "rita@example.com"), [new BatchLead(lead, null, "https://app.example/q")], "https://app.example/b", calendar.TimeZone);

        Assert.Contains(">Demo &amp; pricing<br>&lt;b&gt;soon&lt;/b&gt;<br><br>Thanks</p>", mail.Html);
    }

    [Fact]
    public void A_long_subject_is_cut_at_a_word_to_78_characters_with_an_ellipsis()
    {
        var subject = "Escalation: 12 leads from batch 2026-W50 undecided past the deadline for Analytical Engines and friends";

        var message = new EmailMessage("x", ["a@example.com"], [], subject, "<p>x</p>", "x");

        Assert.True(message.Subject.Length <= EmailMessage.MaxSubjectLength, message.Subject);
        Assert.EndsWith("…", message.Subject);
        Assert.StartsWith("Escalation: 12 leads from batch 2026-W50 undecided past the deadline", message.Subject);
        Assert.Equal("Short subject", new EmailMessage("x", ["a@example.com"], [], "Short subject", "", "").Subject);
    }

    [Fact]
    public void A_thai_subject_becomes_encoded_words_of_at_most_75_characters_that_decode_back_whole()
    {
        var subject = "ลีดใหม่ 3 รายการสำหรับคุณ: บริษัท ตัวอย่าง จำกัด กรุณาตัดสินใจภายในวันพุธ";

        var header = MimeWriter.EncodedWords(subject);

        var words = header.Split("\r\n", StringSplitOptions.None).Select(w => w.Trim()).ToList();
        Assert.True(words.Count > 1);
        Assert.All(words, w => Assert.True(w.Length <= 75, w));
        // Each word decodes on its own (no character split between two), and together they are the subject.
        var decoded = string.Concat(words.Select(w => Encoding.UTF8.GetString(Convert.FromBase64String(w["=?utf-8?B?".Length..^2]))));
        Assert.Equal(subject, decoded);
    }

    [Fact]
    public void The_owner_csv_is_utf8_with_a_bom_declares_its_charset_and_carries_the_message()
    {
        var calendar = new SlaCalendar(Options.Create(new SlaOptions()));
        var window = calendar.WindowOf(new DateOnly(2026, 12, 7));
        var lead = new Lead("l1", window.Id, new LeadDetails("สมชาย ใจดี", "somchai@example.co.th", "บริษัท ตัวอย่าง จำกัด", "CEO", null,
            "ขอใบเสนอราคา\nโทรกลับบ่ายนี้", new Segment("Software", "11-50"), new MarketingSource("demo", null, null, null), new Consent(true, "v1")),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, "rep-1");

        var bytes = LeadCsv.Write([new BatchLead(lead, null, "https://app.example/q")]);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains(",message,", csv);
        Assert.Contains("\"ขอใบเสนอราคา\nโทรกลับบ่ายนี้\"", csv);
        Assert.Contains("บริษัท ตัวอย่าง จำกัด", csv);
        Assert.Equal("text/csv; charset=utf-8", LeadCsv.ContentType);
    }
}
