using System.Threading.Channels;

namespace Pipeline.Cli.Progress;

/// <summary>The experiment events this process observed on the bus, in the order they were consumed.</summary>
public sealed class ExperimentEvents
{
    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<object> Reader => _channel.Reader;

    public ValueTask Write(object message) => _channel.Writer.WriteAsync(message);
}
