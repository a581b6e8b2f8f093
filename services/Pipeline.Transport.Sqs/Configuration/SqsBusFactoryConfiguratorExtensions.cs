using MassTransit;
using Pipeline.Transport.Sqs.Configuration;

namespace Pipeline.Transport.Sqs;

public static class SqsBusFactoryConfiguratorExtensions
{
    /// <summary>The bus on SQS queues and SNS topics, as MassTransit's own <c>UsingAmazonSqs</c> lays them out.</summary>
    public static void UsingSqs(this IBusRegistrationConfigurator configurator,
        Action<IBusRegistrationContext, ISqsBusFactoryConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.SetBusFactory(new SqsRegistrationBusFactory(configure));
    }
}
