namespace Pipeline.Aws.Runtime;

// InvokeEndpoint of botocore's sagemaker-runtime service model (2017-05-13): REST-JSON, the body is the payload
// and the other members travel in headers.

public sealed record InvokeEndpointRequest
{
    public required string EndpointName { get; init; }
    public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>Content-Type.</summary>
    public string? ContentType { get; init; }
    /// <summary>Accept.</summary>
    public string? Accept { get; init; }
    /// <summary>X-Amzn-SageMaker-Custom-Attributes.</summary>
    public string? CustomAttributes { get; init; }
    /// <summary>X-Amzn-SageMaker-Target-Variant.</summary>
    public string? TargetVariant { get; init; }
    /// <summary>X-Amzn-SageMaker-Inference-Id.</summary>
    public string? InferenceId { get; init; }
}

public sealed record InvokeEndpointResponse
{
    public ReadOnlyMemory<byte> Body { get; init; }
    public string? ContentType { get; init; }
    /// <summary>X-Amzn-Invoked-Production-Variant.</summary>
    public string? InvokedProductionVariant { get; init; }
    /// <summary>X-Amzn-SageMaker-Custom-Attributes.</summary>
    public string? CustomAttributes { get; init; }
}
