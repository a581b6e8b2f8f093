using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Pipeline.Saga.DynamoDb.Tests.Counter;
using Pipeline.Testing;

namespace Pipeline.Saga.DynamoDb.Tests.Repository;

/// <summary>
/// WritesOneAtATime, for moto_server (whose condition check and write are two steps): a process's writes never
/// overlap, so of several writers that read one version exactly one wins.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class When_writes_go_one_at_a_time(MotoServer moto)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Racing_updates_reach_the_table_one_by_one_only_when_asked_and_one_wins(bool oneAtATime)
    {
        using var client = new SlowPutClient(moto);
        var options = new DynamoDbSagaRepositoryOptions { TableName = await client.CreateSagaTableAsync(), WritesOneAtATime = oneAtATime };
        var items = new SagaItems<CounterState>(client, options, TimeProvider.System);
        var id = Guid.NewGuid();
        await items.Insert(new CounterState { CorrelationId = id }, default);
        var readers = new List<CounterState>();
        for (var i = 0; i < 4; i++)
            readers.Add((await items.Load(id, default))!);

        var outcomes = await Task.WhenAll(readers.Select(async (saga, i) =>
        {
            saga.Count = i + 1;
            try
            {
                await items.Update(saga, default);
                return true;
            }
            catch (SagaVersionConflictException)
            {
                return false;
            }
        }));

        if (oneAtATime)
        {
            Assert.Equal(1, client.MostPutsAtOnce);
            Assert.Single(outcomes, won => won);
            Assert.Equal(2, (await items.Load(id, default))!.Version);
        }
        else
        {
            Assert.True(client.MostPutsAtOnce > 1, "without the option the writes overlap (what lets moto apply two of them)");
        }
    }

    /// <summary>Takes 200 ms over each PutItem and counts how many are under way at once.</summary>
    private sealed class SlowPutClient(MotoServer moto) : AmazonDynamoDBClient(MotoServer.Credentials,
        new AmazonDynamoDBConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region, HttpClientFactory = new OneRequestAtATime() })
    {
        private int _underWay;
        private int _most;

        public int MostPutsAtOnce => Volatile.Read(ref _most);

        public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _underWay);
            for (var seen = Volatile.Read(ref _most); now > seen; seen = Volatile.Read(ref _most))
                if (Interlocked.CompareExchange(ref _most, now, seen) == seen)
                    break;
            try
            {
                await Task.Delay(200, cancellationToken);
                return await base.PutItemAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _underWay);
            }
        }
    }
}
