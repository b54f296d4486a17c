using System.Globalization;
using System.Text;

namespace LeadHandoff.Email;

/// <summary>Writes an <see cref="EmailMessage"/> as an RFC 5322 / MIME document any mail client opens (.eml).</summary>
public static class MimeWriter
{
    public static string Write(EmailMessage message, string from, DateTimeOffset date)
    {
        var mixed = "mixed-" + message.LedgerId;
        var alternative = "alt-" + message.LedgerId;
        var mime = new StringBuilder()
            .Append("From: ").Append(from).Append("\r\n")
            .Append("To: ").Append(string.Join(", ", message.To)).Append("\r\n");
        if (message.Cc.Count > 0) mime.Append("Cc: ").Append(string.Join(", ", message.Cc)).Append("\r\n");
        mime.Append("Subject:").Append(EncodedWords(message.Subject)).Append("\r\n")
            .Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Message-ID: <").Append(message.LedgerId).Append("@leadhandoff.local>\r\n")
            .Append("X-LeadHandoff-Ledger-Id: ").Append(message.LedgerId).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n")
            .Append("--").Append(mixed).Append("\r\n")
            .Append("Content-Type: multipart/alternative; boundary=\"").Append(alternative).Append("\"\r\n\r\n");
        Part(mime, alternative, "text/plain; charset=utf-8", null, Encoding.UTF8.GetBytes(message.Text));
        Part(mime, alternative, "text/html; charset=utf-8", null, Encoding.UTF8.GetBytes(message.Html));
        mime.Append("--").Append(alternative).Append("--\r\n");
        foreach (var attachment in message.Attachments)
            Part(mime, mixed, $"{attachment.ContentType}; name=\"{attachment.FileName}\"", attachment.FileName, attachment.Content);
        return mime.Append("--").Append(mixed).Append("--\r\n").ToString();
    }

    /// <summary>
    /// A header value as RFC 2047 encoded words of at most 75 characters each, one per folded line:
    /// 45 bytes of UTF-8 become 60 base64 characters, plus the 12 of <c>=?utf-8?B?…?=</c>. A
    /// character is never split between two words, as the RFC requires.
    /// </summary>
    public static string EncodedWords(string value)
    {
        var words = new StringBuilder();
        var chunk = new List<byte>();
        void Flush()
        {
            if (chunk.Count == 0) return;
            words.Append(words.Length == 0 ? " " : "\r\n ").Append("=?utf-8?B?").Append(Convert.ToBase64String([.. chunk])).Append("?=");
            chunk.Clear();
        }
        foreach (var rune in value.EnumerateRunes())
        {
            var bytes = new byte[rune.Utf8SequenceLength];
            rune.EncodeToUtf8(bytes);
            if (chunk.Count + bytes.Length > 45) Flush();
            chunk.AddRange(bytes);
        }
        Flush();
        return words.Length == 0 ? " " : words.ToString();
    }

    private static void Part(StringBuilder mime, string boundary, string contentType, string? fileName, byte[] content)
    {
        mime.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Transfer-Encoding: base64\r\n");
        if (fileName is not null) mime.Append("Content-Disposition: attachment; filename=\"").Append(fileName).Append("\"\r\n");
        mime.Append("\r\n");
        var base64 = Convert.ToBase64String(content);
        for (var i = 0; i < base64.Length; i += 76) mime.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
    }
}
