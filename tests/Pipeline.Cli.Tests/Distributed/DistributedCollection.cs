namespace Pipeline.Cli.Tests.Distributed;

/// <summary>The tests that start a whole system of processes run one after another, not beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class DistributedCollection
{
    public const string Name = "distributed";
}
