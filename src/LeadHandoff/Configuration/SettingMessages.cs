namespace LeadHandoff.Configuration;

/// <summary>
/// Messages for data-annotation checks on settings. <c>{0}</c> becomes the setting's name as written
/// in configuration (<c>Section:Key</c>), so a range error reads like the hand-written ones.
/// </summary>
public static class SettingMessages
{
    public const string Between = "{0} must be between {1} and {2}.";
    public const string AtLeast = "{0} must be {1} or more.";
    public const string ZeroOrMore = "{0} must be zero or more.";
}
