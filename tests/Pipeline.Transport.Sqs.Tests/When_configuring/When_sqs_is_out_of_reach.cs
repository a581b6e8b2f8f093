using MassTransit;

namespace Pipeline.Transport.Sqs.Tests.When_configuring;

[Collection(MotoCollection.Name)]
public sealed class When_sqs_is_out_of_reach(MotoServer moto)
{
    [Fact]
    public async Task Starting_the_bus_fails_with_the_reason_instead_of_waiting_forever()
    {
        var error = await Record.ExceptionAsync(() => SqsTestBus.StartAsync(moto, x => x.AddConsumer<RecordingConsumer<Ping>>(),
            (context, cfg) => cfg.ReceiveEndpoint("orders", e => e.ConfigureConsumer<RecordingConsumer<Ping>>(context)),
            host => host.SqsServiceUrl = "http://127.0.0.1:1", startTimeout: TimeSpan.FromSeconds(5)));

        Assert.NotNull(error);
        Assert.Contains("Connection refused", error.ToString());
    }
}
