using MassTransit;

namespace Pipeline.Trainer;

public sealed class StartTrainingJobConsumerDefinition : ConsumerDefinition<StartTrainingJobConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StartTrainingJobConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseTrainerRetry(context);
}
