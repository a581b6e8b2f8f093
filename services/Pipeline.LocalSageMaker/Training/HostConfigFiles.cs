using System.Text.Json;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// The container contract's config files in a host's input/config folder: hyperparameters.json (the string map as
/// sent), resourceconfig.json (current_host, hosts, network_interface_name) and inputdataconfig.json (per channel:
/// TrainingInputMode, S3DistributionType, RecordWrapperType, and ContentType when the request set one).
/// </summary>
public static class HostConfigFiles
{
    public const string HyperParameters = "hyperparameters.json";
    public const string ResourceConfig = "resourceconfig.json";
    public const string InputDataConfig = "inputdataconfig.json";
    public const string NetworkInterfaceName = "eth0";

    public static async Task WriteAsync(TrainingHost host, IReadOnlyList<TrainingHost> hosts, CreateTrainingJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(request);
        var folder = host.Folders.InputConfig;
        Directory.CreateDirectory(folder);

        await WriteJsonAsync(Path.Combine(folder, HyperParameters), writer =>
        {
            writer.WriteStartObject();
            foreach (var (key, value) in request.HyperParameters ?? [])
                writer.WriteString(key, value);
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);

        await WriteJsonAsync(Path.Combine(folder, ResourceConfig), writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("current_host", host.Name);
            writer.WriteStartArray("hosts");
            foreach (var h in hosts)
                writer.WriteStringValue(h.Name);
            writer.WriteEndArray();
            writer.WriteString("network_interface_name", NetworkInterfaceName);
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);

        await WriteJsonAsync(Path.Combine(folder, InputDataConfig), writer =>
        {
            writer.WriteStartObject();
            foreach (var channel in request.InputDataConfig ?? [])
            {
                writer.WriteStartObject(channel.ChannelName!);
                writer.WriteString("TrainingInputMode", channel.InputMode ?? request.AlgorithmSpecification!.TrainingInputMode);
                writer.WriteString("S3DistributionType", channel.DataSource!.S3DataSource!.S3DataDistributionType ?? "FullyReplicated");
                writer.WriteString("RecordWrapperType", channel.RecordWrapperType ?? "None");
                if (channel.ContentType is not null)
                    writer.WriteString("ContentType", channel.ContentType);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(string path, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(file);
            await using (writer.ConfigureAwait(false))
            {
                write(writer);
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
