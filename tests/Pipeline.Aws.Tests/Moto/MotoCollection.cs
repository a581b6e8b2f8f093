namespace Pipeline.Aws.Tests.Moto;

/// <summary>One moto_server for every test class that talks to it (it takes a second or two to start).</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
