using LeadHandoff.Email;

namespace LeadHandoff.Tests.Email;

public sealed class EmailMessageTests
{
    [Fact]
    public void An_address_appears_once_across_to_and_cc_whatever_its_case()
    {
        var message = new EmailMessage("w.k", ["Boss@example.com", "boss@EXAMPLE.com", "rep@example.com"], ["BOSS@example.com", "ops@example.com", "Ops@example.com"], "s", "<p>h</p>", "t");

        Assert.Equal(["Boss@example.com", "rep@example.com"], message.To);
        Assert.Equal(["ops@example.com"], message.Cc);
    }

    [Fact]
    public void A_notice_goes_first_in_both_parts_encoded_in_the_html()
    {
        var message = new EmailMessage("w.k", ["a@example.com"], [], "s", "<!doctype html><html><body style=\"x\"><p>Body</p></body></html>", "Body").WithNotice("Repeat <maybe> & more");

        Assert.Equal("Repeat <maybe> & more\r\n\r\nBody", message.Text);
        Assert.StartsWith("<!doctype html><html><body style=\"x\"><p style=", message.Html);
        Assert.Contains("Repeat &lt;maybe&gt; &amp; more</p><p>Body</p>", message.Html);
    }
}
