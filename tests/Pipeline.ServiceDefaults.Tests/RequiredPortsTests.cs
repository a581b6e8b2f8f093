using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.ServiceDefaults.Tests;

public sealed class RequiredPortsTests
{
    private interface IObjectStore;

    private interface ITrainingJobs;

    private sealed class LocalObjectStore : IObjectStore;

    [Fact]
    public void Missing_lists_only_ports_without_a_registration()
    {
        var services = new ServiceCollection();
        services.RequirePort<IObjectStore>("object store");
        services.RequirePort<ITrainingJobs>("training jobs");
        services.AddSingleton<IObjectStore, LocalObjectStore>();

        var missing = services.RequiredPorts().Missing(services);

        Assert.Equal([(typeof(ITrainingJobs), "training jobs")], missing);
    }

    [Fact]
    public void A_port_required_by_two_services_is_listed_once()
    {
        var services = new ServiceCollection();
        services.RequirePort<IObjectStore>("object store, for the ingestor");
        services.RequirePort<IObjectStore>("object store, for the evaluator");

        Assert.Single(services.RequiredPorts().All);
        Assert.Single(services.RequiredPorts().Missing(services));
    }

    [Fact]
    public void Every_call_sees_the_same_registry()
    {
        var services = new ServiceCollection();
        Assert.Same(services.RequiredPorts(), services.RequiredPorts());
        Assert.Single(services, d => d.ServiceType == typeof(RequiredPorts));
    }
}
