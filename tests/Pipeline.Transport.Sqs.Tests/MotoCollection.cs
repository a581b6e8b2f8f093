namespace Pipeline.Transport.Sqs.Tests;

/// <summary>One moto_server (SQS and SNS) for every bus test; each test's bus has a scope of its own, so their queues never meet.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
