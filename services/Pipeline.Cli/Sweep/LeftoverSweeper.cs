using Pipeline.Aws;
using Pipeline.Aws.SageMaker;

namespace Pipeline.Cli.Sweep;

/// <summary>One resource the sweep looked at: what it decided, and why a delete failed if one did.</summary>
public sealed record SweptLeftover(Leftover Resource, SweepDecision Decision, bool Deleted, string? Error);

/// <summary>
/// Finds the endpoints, endpoint configurations and models the pipeline created (by its tags), decides with
/// <see cref="SweepRules"/> which are leftovers and, when told to, deletes them: endpoints first, then their
/// configurations, then models. A resource gone meanwhile counts as deleted; any other failure is reported and the
/// sweep goes on.
/// </summary>
public sealed class LeftoverSweeper(SageMakerClient sageMaker, IExperimentStatusSource experiments, TimeProvider clock)
{
    private readonly SageMakerPaginators _pages = new(sageMaker);

    public async Task<IReadOnlyList<SweptLeftover>> SweepAsync(SweepLimits limits, bool delete, CancellationToken cancellationToken)
    {
        var found = await FindAsync(cancellationToken).ConfigureAwait(false);
        var statuses = new Dictionary<Guid, ExperimentStatus>();
        var now = clock.GetUtcNow();
        var swept = new List<SweptLeftover>();
        foreach (var leftover in found.OrderBy(l => l.Kind).ThenBy(l => l.Name, StringComparer.Ordinal))
        {
            var status = ExperimentStatus.Unknown;
            if (leftover.ExperimentId is { } id && !statuses.TryGetValue(id, out status))
                statuses[id] = status = await experiments.StatusOfAsync(id, cancellationToken).ConfigureAwait(false);
            var decision = SweepRules.Decide(leftover, status, now, limits);
            if (!decision.Sweep || !delete)
            {
                swept.Add(new SweptLeftover(leftover, decision, Deleted: false, Error: null));
                continue;
            }

            var error = await DeleteAsync(leftover, cancellationToken).ConfigureAwait(false);
            swept.Add(new SweptLeftover(leftover, decision, error is null, error));
        }

        return swept;
    }

    private async Task<List<Leftover>> FindAsync(CancellationToken cancellationToken)
    {
        var found = new List<Leftover>();
        await foreach (var endpoint in _pages.ListEndpoints(new ListEndpointsRequest { MaxResults = 100 }).Items.WithCancellation(cancellationToken))
            await AddIfOursAsync(found, LeftoverKind.Endpoint, endpoint.EndpointName!, endpoint.EndpointArn!, endpoint.CreationTime, endpoint.EndpointStatus, cancellationToken);
        await foreach (var config in _pages.ListEndpointConfigs(new ListEndpointConfigsRequest { MaxResults = 100 }).Items.WithCancellation(cancellationToken))
            await AddIfOursAsync(found, LeftoverKind.EndpointConfig, config.EndpointConfigName!, config.EndpointConfigArn!, config.CreationTime, null, cancellationToken);
        await foreach (var model in _pages.ListModels(new ListModelsRequest { MaxResults = 100 }).Items.WithCancellation(cancellationToken))
            await AddIfOursAsync(found, LeftoverKind.Model, model.ModelName!, model.ModelArn!, model.CreationTime, null, cancellationToken);
        return found;
    }

    private async Task AddIfOursAsync(List<Leftover> found, LeftoverKind kind, string name, string arn, DateTimeOffset? created, string? status,
        CancellationToken cancellationToken)
    {
        Dictionary<string, string> tags;
        try
        {
            tags = new(StringComparer.Ordinal);
            await foreach (var tag in _pages.ListTags(new ListTagsRequest { ResourceArn = arn, MaxResults = 100 }).Items.WithCancellation(cancellationToken))
                tags[tag.Key!] = tag.Value ?? "";
        }
        catch (ValidationException)
        {
            return; // deleted between the listing and the tags
        }

        if (SweepRules.IsOurs(tags))
            found.Add(new Leftover(kind, name, created ?? DateTimeOffset.MinValue, tags, status));
    }

    private async Task<string?> DeleteAsync(Leftover leftover, CancellationToken cancellationToken)
    {
        try
        {
            switch (leftover.Kind)
            {
                case LeftoverKind.Endpoint:
                    await sageMaker.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = leftover.Name }, cancellationToken).ConfigureAwait(false);
                    break;
                case LeftoverKind.EndpointConfig:
                    await sageMaker.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = leftover.Name }, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await sageMaker.DeleteModelAsync(new DeleteModelRequest { ModelName = leftover.Name }, cancellationToken).ConfigureAwait(false);
                    break;
            }

            return null;
        }
        catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
        {
            return null;
        }
        catch (AwsServiceException e)
        {
            return $"{e.ErrorCode}: {e.ServiceMessage}";
        }
    }
}
