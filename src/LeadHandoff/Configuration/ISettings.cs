namespace LeadHandoff.Configuration;

/// <summary>
/// A settings class that checks itself. Each message names the setting as it is written in
/// configuration (<c>Section:Key</c>; <c>Section__Key</c> in app settings), so a bad deployment says
/// exactly what to fix.
/// </summary>
public interface ISettings
{
    IEnumerable<string> Validate();
}
