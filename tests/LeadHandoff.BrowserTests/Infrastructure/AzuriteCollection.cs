namespace LeadHandoff.Tests.Infrastructure;

// xunit finds collection definitions only in the test assembly itself.
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
