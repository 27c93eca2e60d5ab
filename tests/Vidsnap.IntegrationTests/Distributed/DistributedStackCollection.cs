using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests.Distributed;

/// <summary>One `./run.sh distributed` stack shared by the suites that drive it from outside (it takes ~25 s to start).</summary>
[CollectionDefinition(Name)]
public sealed class DistributedStackCollection : ICollectionFixture<DistributedStack>
{
    public const string Name = "distributed stack";
}
