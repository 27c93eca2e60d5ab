using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>One set of local PostgreSQL, S3, SQS and SMTP servers for every contract suite (xunit wants the definition in the tests' own assembly).</summary>
[CollectionDefinition(Name)]
public sealed class LocalServicesCollection : ICollectionFixture<LocalServices>
{
    public const string Name = "local services";
}
