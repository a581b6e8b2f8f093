using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Trainer;

public sealed class StopTrainingJobConsumerDefinition : ConsumerDefinition<StopTrainingJobConsumer>
{
    public StopTrainingJobConsumerDefinition() => EndpointName = ServiceQueues.Trainer;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StopTrainingJobConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseTrainerRetry(context);
}
