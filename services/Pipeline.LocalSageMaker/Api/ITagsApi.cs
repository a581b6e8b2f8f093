using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Api;

/// <summary>SageMaker's tagging operations, over every resource LocalSageMaker creates.</summary>
public interface ITagsApi
{
    Task<AddTagsResponse> AddTagsAsync(AddTagsRequest request, CancellationToken cancellationToken);
    Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken);
    Task DeleteTagsAsync(DeleteTagsRequest request, CancellationToken cancellationToken);
}
