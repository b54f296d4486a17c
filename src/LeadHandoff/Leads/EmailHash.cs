using System.Security.Cryptography;
using System.Text;

namespace LeadHandoff.Leads;

/// <summary>
/// The key under which a person's rows are found without storing their address in a key:
/// lowercase hex SHA-256 of the normalised email.
/// </summary>
public static class EmailHash
{
    public static string Of(string normalisedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedEmail)));
}
