using LeadHandoff.Deadlines;
using LeadHandoff.Leads;
using LeadHandoff.OwnerEmail;
using LeadHandoff.Team;
using LeadHandoff.Weeks;
using Microsoft.Extensions.Options;

namespace LeadHandoff.Tests.OwnerEmail;

/// <summary>A rep whose roster language is Thai reads their lead email in Thai, with Thai dates (Buddhist era); the lead's own words stay as they were typed.</summary>
public sealed class OwnerEmailLanguageTests
{
    private static readonly SlaCalendar Calendar = new(Options.Create(new SlaOptions()));
    private static readonly BatchWindow Window = Calendar.WindowOf(new DateOnly(2026, 12, 7));

    private static BatchLead Lead(string company, Lead? earlier = null) => new(new Lead(
        "0193b1", Window.Id,
        new LeadDetails("สมชาย ใจดี", "somchai@example.co.th", company, "ผู้จัดการ", null, "อยากได้ใบเสนอราคา\nโทรหลังบ่ายสอง",
            new Segment("Software", "11-50"), new MarketingSource("pricing-guide"), new Consent(true, "2026-09")),
        new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero), 1, "rep-9"), earlier, "https://app.example/api/qualify?t=k1.AAA.BBB");

    [Fact]
    public void A_thai_rep_gets_the_whole_email_in_thai_with_buddhist_era_dates()
    {
        var mail = OwnerBatchEmail.Compose("2026-W50.owner-rep-9", Window, new Owner("rep-9", "Nok", "nok@example.co.th", "th"), [Lead("บริษัท ตัวอย่าง จำกัด")], "https://app.example/api/batch?t=k1.X.Y", Calendar.TimeZone);

        Assert.Equal("1 ลีด สำหรับคุณในรอบ 2026-W50: ตัดสินใจภายใน พ. 9 ธ.ค. 17:00", mail.Subject);
        Assert.StartsWith("ลีดของคุณในรอบ 2026-W50\r\n\r\nสวัสดีคุณNok สัปดาห์นี้ฝ่ายการตลาดส่ง 1 ลีด ให้คุณ\r\n", mail.Text);
        Assert.Contains("ภายในวันพุธที่ 9 ธันวาคม 2569 เวลา 17:00 น. (Europe/London)", mail.Text);
        Assert.Contains("-- พนักงาน 11-50 คน --", mail.Text);
        Assert.Contains("  คัดกรอง: https://app.example/api/qualify?t=k1.AAA.BBB", mail.Text);
        Assert.Contains("    โทรหลังบ่ายสอง", mail.Text); // the lead's words, untouched
        Assert.Contains("<html lang=\"th\">", mail.Html);
        Assert.DoesNotContain("Your leads", mail.Text);
    }

    [Fact]
    public void A_thai_reps_reminder_is_in_thai_and_an_english_reps_unchanged()
    {
        var lead = Lead("บริษัท ตัวอย่าง จำกัด");
        var late = Window.DeadlineAt.AddDays(2).AddHours(1);
        var thai = Deadlines.DeadlineEmails.Reminder("r", Window, new Owner("rep-9", "Nok", "nok@example.co.th", "th"), [new(lead.Lead, lead.QualifyUrl)], "https://app.example/api/batch?t=x", late, Calendar.TimeZone);
        var english = Deadlines.DeadlineEmails.Reminder("r", Window, new Owner("rep-9", "Nok", "nok@example.co.th"), [new(lead.Lead, lead.QualifyUrl)], "https://app.example/api/batch?t=x", late, Calendar.TimeZone);

        Assert.Equal("แจ้งเตือน: 1 ลีด จากรอบ 2026-W50 เลยกำหนดแล้ว (ช้า 2 วัน)", thai.Subject);
        Assert.Contains("สวัสดีคุณNok กำหนดเวลาคือวันพุธที่ 9 ธันวาคม 2569 เวลา 17:00 น. (Europe/London): รายการเหล่านี้ช้า 2 วัน", thai.Text);
        Assert.Contains("<strong>ช้า 2 วัน</strong>", thai.Html); // Thai as Thai, not as numeric entities
        Assert.Equal("Reminder: 1 lead from batch 2026-W50 past the deadline (2 days late)", english.Subject);
        Assert.Contains("Hello Nok, the deadline was Wednesday 9 December 2026, 17:00 (Europe/London): these are 2 days late.", english.Text);
        Assert.Contains("these are <strong>2 days late</strong>. Please accept, reject or return each to nurture now.</p>", english.Html);
    }

    [Fact]
    public void Without_a_language_the_email_is_english()
    {
        var mail = OwnerBatchEmail.Compose("2026-W50.owner-rep-9", Window, new Owner("rep-9", "Nok", "nok@example.co.th"), [Lead("Example Co")], "https://app.example/api/batch?t=k1.X.Y", Calendar.TimeZone);
        Assert.Equal("1 lead for you in batch 2026-W50: decide by Wed 9 Dec 17:00", mail.Subject);
        Assert.Contains("<html lang=\"en\">", mail.Html);
    }

    [Fact]
    public void A_thai_reps_hot_released_reassigned_and_overdue_emails_carry_their_notes_in_thai()
    {
        var nok = new Owner("rep-9", "Nok", "nok@example.co.th", "th");
        var lead = Lead("บริษัท ตัวอย่าง จำกัด");
        var due = Window.DeadlineAt;

        var hot = HotLane.HotLeadEmails.Lead("h", Window, nok, lead, "https://app.example/b", due, Calendar.TimeZone);
        var released = Reviews.ReleasedLeadEmail.Compose("r", Window, nok, lead, "https://app.example/b", Calendar.TimeZone);
        var reassigned = Reassignment.ReassignedLeadsEmail.Compose("m", Window, nok, [lead], "https://app.example/b", null, "sales manager", Calendar.TimeZone);
        var overdue = HotLane.HotLeadEmails.Overdue("o", nok, lead, due, ["manager@example.com"], due.AddDays(2).AddHours(1), Calendar.TimeZone);

        Assert.StartsWith("ลีดด่วน: บริษัท ตัวอย่าง จำกัด (pricing-guide) ตัดสินใจภายใน", hot.Subject);
        Assert.StartsWith("ลีดด่วน: บริษัท ตัวอย่าง จำกัด ขอ \"pricing-guide\" เมื่อวันพฤหัสบดีที่ 3 ธันวาคม 2569", hot.Text);
        Assert.StartsWith("วันนี้ฝ่ายการตลาดปล่อยลีดนี้ออกจากการตรวจสอบ", released.Text);
        Assert.StartsWith("ปล่อยจากการตรวจสอบ:", released.Subject);
        Assert.StartsWith("ผู้จัดการฝ่ายขายย้าย 1 ลีด จากเจ้าของเดิมมาให้คุณ", reassigned.Text);
        Assert.Equal("ลีดด่วนเลยกำหนด: บริษัท ตัวอย่าง จำกัด (ช้า 2 วัน)", overdue.Subject);
        Assert.Contains("<html lang=\"th\">", overdue.Html);
        Assert.Contains(">คัดกรองตอนนี้</a>", overdue.Html);
        foreach (var mail in new[] { hot, released, reassigned, overdue })
            Assert.DoesNotMatch("Hot lead|Marketing released|moved|Qualify it now|decide by", mail.Text + mail.Html);
    }
}
