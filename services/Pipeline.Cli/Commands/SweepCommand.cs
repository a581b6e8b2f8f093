using System.CommandLine;
using Annotations = System.ComponentModel.DataAnnotations;
using System.Globalization;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Cli.Output;
using Pipeline.Cli.Sweep;
using Pipeline.ServiceDefaults;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>
/// `pipeline sweep`: finds endpoints, endpoint configurations and models the pipeline left behind (by its tags) and,
/// with --delete, deletes them. SageMaker is found as every AWS client here finds it (section Aws, AWS_ENDPOINT_URL_SAGEMAKER);
/// experiments' status comes from the saga store when Saga:Store is DynamoDb.
/// </summary>
internal sealed class SweepCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _clock;

    private readonly Option<bool> _delete = new("--delete") { Description = "Delete what the sweep finds; without it, only say what would go." };

    private readonly Option<TimeSpan> _olderThan = AgeOption.Create("--older-than", TimeSpan.FromDays(3),
        "Anything of the pipeline older than this goes, whatever its experiment (default 3d).");

    private readonly Option<TimeSpan> _unknownAfter = AgeOption.Create("--unknown-after", TimeSpan.FromHours(1),
        "A resource whose experiment the saga store does not know goes once this old (default 1h; 0m: at once): an embedded run elsewhere may still use a younger one.",
        allowZero: true);

    public SweepCommand(IAnsiConsole console, TimeProvider clock)
        : base("sweep", "Finds SageMaker endpoints, endpoint configs and models the pipeline left behind (finished, failed or unknown experiments, or older than --older-than); --delete deletes them.")
    {
        _console = console;
        _clock = clock;
        Options.Add(_delete);
        Options.Add(_olderThan);
        Options.Add(_unknownAfter);
        SetAction((parseResult, cancellationToken) => SweepAsync(
            parseResult.GetValue(_delete), new SweepLimits(parseResult.GetValue(_olderThan), parseResult.GetValue(_unknownAfter)), cancellationToken));
    }

    private async Task<int> SweepAsync(bool delete, SweepLimits limits, CancellationToken cancellationToken)
    {
        var configuration = DefaultConfiguration();
        AwsClientOptions awsOptions;
        SagaStoreOptions sagaOptions;
        try
        {
            awsOptions = configuration.GetSection(AwsClientOptions.Section).Get<AwsClientOptions>() ?? new AwsClientOptions();
            sagaOptions = configuration.GetSection(SagaStoreOptions.Section).Get<SagaStoreOptions>() ?? new SagaStoreOptions();
        }
        catch (InvalidOperationException e)
        {
            // A value the binder cannot convert (CreateTable=abc) names its setting in the message.
            _console.WriteUnwrapped($"Invalid configuration: {e.Message}");
            return ExitCodes.InvalidConfiguration;
        }

        if (Problems(awsOptions, sagaOptions) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
                _console.WriteUnwrapped(problem);
            return ExitCodes.InvalidConfiguration;
        }

        using var dynamoDb = sagaOptions.Store == SagaStoreOptions.DynamoDbStore ? DynamoDb(sagaOptions.DynamoDb) : null;
        IExperimentStatusSource experiments = dynamoDb is null ? new NoExperimentStatus() : new DynamoDbExperimentStatus(dynamoDb, sagaOptions.DynamoDb.TableName);
        using var clients = new AwsClients(awsOptions, AwsCredentialsSource.StandardChain());

        _console.WriteUnwrapped($"pipeline sweep{(delete ? " --delete" : " (dry run: --delete to delete)")}: experiments' status from {experiments.Description}");
        IReadOnlyList<SweptLeftover> swept;
        try
        {
            swept = await new LeftoverSweeper(clients.SageMaker, experiments, _clock).SweepAsync(limits, delete, cancellationToken);
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or TimeoutException or AmazonDynamoDBException or InvalidOperationException)
        {
            _console.WriteUnwrapped($"sweep failed: {e.Message}");
            return ExitCodes.Failed;
        }

        foreach (var item in swept)
        {
            var verb = !item.Decision.Sweep ? "keep  " : item.Error is not null ? "FAILED" : delete ? "delete" : "would delete";
            var experiment = item.Resource.ExperimentId?.ToString() ?? "no experiment tag";
            _console.WriteUnwrapped($"  {verb} {Kind(item.Resource.Kind)} {item.Resource.Name} (experiment {experiment}): {item.Decision.Reason}{(item.Error is null ? "" : $"; {item.Error}")}");
        }

        var chosen = swept.Count(s => s.Decision.Sweep);
        var failed = swept.Count(s => s.Error is not null);
        _console.WriteUnwrapped(string.Create(CultureInfo.InvariantCulture,
            $"{swept.Count} resources of the pipeline found; {chosen} {(delete ? "deleted" : "would be deleted")}{(failed > 0 ? $", {failed} failed" : "")}; {swept.Count - chosen} kept."));
        return failed == 0 ? ExitCodes.Completed : ExitCodes.Failed;
    }

    /// <summary>What the services' start-up validation would say of the two sections the sweep reads.</summary>
    private static List<string> Problems(AwsClientOptions aws, SagaStoreOptions saga)
    {
        var results = new List<Annotations.ValidationResult>();
        Annotations.Validator.TryValidateObject(aws, new Annotations.ValidationContext(aws), results, validateAllProperties: true);
        Annotations.Validator.TryValidateObject(saga, new Annotations.ValidationContext(saga), results, validateAllProperties: true);
        if (saga.Store == SagaStoreOptions.DynamoDbStore)
            Annotations.Validator.TryValidateObject(saga.DynamoDb, new Annotations.ValidationContext(saga.DynamoDb), results, validateAllProperties: true);
        var problems = results.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames)).ToList();
        if (new AwsClientOptionsValidator().Validate(null, aws) is { Failed: true } refused)
            problems.AddRange(refused.Failures ?? []);
        return problems;
    }

    private static string Kind(LeftoverKind kind) => kind switch
    {
        LeftoverKind.Endpoint => "endpoint",
        LeftoverKind.EndpointConfig => "endpoint config",
        _ => "model",
    };

    private static AmazonDynamoDBClient DynamoDb(DynamoDbSagaStoreOptions options) =>
        string.IsNullOrEmpty(options.ServiceUrl)
            ? new AmazonDynamoDBClient(Amazon.RegionEndpoint.GetBySystemName(options.Region))
            : new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = options.ServiceUrl, AuthenticationRegion = options.Region });

    private static IConfiguration DefaultConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
}
