namespace LeadHandoff.Testing;

/// <summary>The function app's own build output, built in the same configuration as these tests.</summary>
public static class FunctionAppOutput
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var testOutput = new DirectoryInfo(System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        return System.IO.Path.Combine(RepositoryRoot.Path, "src", "LeadHandoff.Functions", "bin", configuration, framework);
    }
}
