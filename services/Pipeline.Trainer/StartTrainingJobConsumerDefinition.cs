using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Trainer;

public sealed class StartTrainingJobConsumerDefinition : ConsumerDefinition<StartTrainingJobConsumer>
{
    public StartTrainingJobConsumerDefinition() => EndpointName = ServiceQueues.Trainer;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StartTrainingJobConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseTrainerRetry(context);
}
