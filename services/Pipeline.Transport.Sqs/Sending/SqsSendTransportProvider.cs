using MassTransit;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Configuration;

namespace Pipeline.Transport.Sqs.Sending;

internal sealed class SqsSendTransportProvider(SqsHostConfiguration host, ReceiveEndpointContext context) : ISendTransportProvider
{
    public Uri NormalizeAddress(Uri address) => SqsAddress.Parse(address, host.Names).ToUri(host.HostAddress);

    public Task<ISendTransport> GetSendTransport(Uri address) =>
        Task.FromResult<ISendTransport>(new SendTransport<PipeContext>(new SqsSendTransportContext(host, context, SqsAddress.Parse(address, host.Names))));
}

internal sealed class SqsPublishTransportProvider(SqsHostConfiguration host, ReceiveEndpointContext context) : IPublishTransportProvider
{
    /// <summary>The address is the message type's topic, from <see cref="Topology.SqsMessagePublishTopology{T}"/>.</summary>
    public Task<ISendTransport> GetPublishTransport<T>(Uri? publishAddress)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(publishAddress);
        return Task.FromResult<ISendTransport>(
            new SendTransport<PipeContext>(new SqsSendTransportContext(host, context, SqsAddress.Parse(publishAddress, host.Names))));
    }
}
