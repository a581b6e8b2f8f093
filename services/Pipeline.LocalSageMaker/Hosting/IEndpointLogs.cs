using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// Where endpoint instances write their CloudWatch log streams (group <c>/aws/sagemaker/Endpoints/&lt;name&gt;</c>, one
/// stream per instance, <c>&lt;variant&gt;/&lt;instance id&gt;</c>). The training engine's log store provides it (its
/// CreateStream returns a stream that is an <see cref="IHostLog"/>).
/// </summary>
public interface IEndpointLogs
{
    IHostLog OpenStream(string logGroupName, string logStreamName);
}
