namespace LeadHandoff.Testing;

/// <summary>Fixed link-signing keys for tests only (32 bytes each, base64).</summary>
public static class TestKeys
{
    public static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
}
