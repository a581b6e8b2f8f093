using MassTransit.Configuration;
using MassTransit.Transports;

namespace Pipeline.Transport.Sqs.Configuration;

internal sealed class SqsBusTopology(IHostConfiguration hostConfiguration, ITopologyConfiguration topologyConfiguration)
    : BusTopology(hostConfiguration, topologyConfiguration);
