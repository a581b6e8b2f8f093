using Pipeline.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Evaluator.Tests;

public sealed class EvaluatorRegistrationTests
{
    [Fact]
    public void AddEvaluator_reads_test_sets_from_the_object_store_and_invokes_endpoints_through_the_runtime_adapter()
    {
        var services = new ServiceCollection().AddEvaluator(new ConfigurationBuilder().Build());

        Assert.Equal([typeof(IEndpointInvoker), typeof(IBatchTransform)], services.RequiredPorts().All.Select(p => p.Port));
        Assert.Empty(services.RequiredPorts().Missing(services));
        Assert.Contains(services, d => d.ServiceType == typeof(IEndpointInvoker) && d.ImplementationType == typeof(Pipeline.Evaluator.Aws.SageMakerEndpointInvoker));
        Assert.Contains(services, d => d.ServiceType == typeof(ITestSetReader) && d.ImplementationType == typeof(ObjectStoreTestSetReader));
    }

    [Fact]
    public void An_invoker_registered_afterwards_replaces_the_adapter()
    {
        var services = new ServiceCollection().AddEvaluator(new ConfigurationBuilder().Build());
        var invoker = new Doubles.LinearEndpointDouble(features => features.Sum());
        services.AddSingleton<IEndpointInvoker>(invoker);
        using var provider = services.BuildServiceProvider();

        Assert.Same(invoker, provider.GetRequiredService<IEndpointInvoker>());
    }

    [Fact]
    public void Defaults_to_5_MiB_batches_and_4_calls_at_once()
    {
        using var provider = new ServiceCollection().AddEvaluator(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<EvaluatorOptions>>().Value;
        Assert.Equal(5 * 1024 * 1024, options.MaxBatchBytes);
        Assert.Equal(4, options.MaxConcurrency);
    }

    [Theory]
    [InlineData("Evaluator:MaxBatchBytes", "6291457")]
    [InlineData("Evaluator:MaxBatchBytes", "0")]
    [InlineData("Evaluator:MaxConcurrency", "0")]
    public void Rejects_settings_out_of_range_naming_the_setting(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        using var provider = new ServiceCollection().AddEvaluator(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EvaluatorOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_invoke_endpoints_own_limit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Evaluator:MaxBatchBytes", "6291456")]).Build();
        using var provider = new ServiceCollection().AddEvaluator(configuration).BuildServiceProvider();

        Assert.Equal(6_291_456, provider.GetRequiredService<IOptions<EvaluatorOptions>>().Value.MaxBatchBytes);
    }
}
