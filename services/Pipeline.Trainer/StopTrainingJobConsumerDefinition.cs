using MassTransit;

namespace Pipeline.Trainer;

public sealed class StopTrainingJobConsumerDefinition : ConsumerDefinition<StopTrainingJobConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StopTrainingJobConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseTrainerRetry(context);
}
