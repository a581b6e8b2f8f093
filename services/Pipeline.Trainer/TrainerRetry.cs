using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.Http;

namespace Pipeline.Trainer;

internal static class TrainerRetry
{
    /// <summary>
    /// Incremental retries for transient faults. A ValidationException that reaches here was not one the consumer
    /// could interpret, and the same request would be refused again; throttling was already retried by the HTTP client.
    /// </summary>
    public static void UseTrainerRetry<TConsumer>(this IConsumerConfigurator<TConsumer> consumer, IServiceProvider services)
        where TConsumer : class
    {
        var options = services.GetRequiredService<IOptions<TrainerOptions>>().Value;
        consumer.UseMessageRetry(retry =>
        {
            retry.Incremental(options.RetryLimit, options.RetryInitialInterval, options.RetryIntervalIncrement);
            retry.Ignore<ValidationException>();
            retry.Ignore<Exception>(AwsErrors.IsThrottling);
        });
    }
}
