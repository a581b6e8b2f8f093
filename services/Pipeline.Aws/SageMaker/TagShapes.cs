namespace Pipeline.Aws.SageMaker;

public sealed record AddTagsRequest
{
    public string? ResourceArn { get; init; }
    public List<Tag>? Tags { get; init; }
}

public sealed record AddTagsResponse
{
    public List<Tag>? Tags { get; init; }
}

public sealed record ListTagsRequest
{
    public string? ResourceArn { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

public sealed record ListTagsResponse
{
    public List<Tag>? Tags { get; init; }
    public string? NextToken { get; init; }
}

public sealed record DeleteTagsRequest
{
    public string? ResourceArn { get; init; }
    public List<string>? TagKeys { get; init; }
}
