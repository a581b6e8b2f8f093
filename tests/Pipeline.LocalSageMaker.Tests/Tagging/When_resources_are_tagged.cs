using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tagging;

namespace Pipeline.LocalSageMaker.Tests.Tagging;

public sealed class When_resources_are_tagged
{
    private const string Arn = "arn:aws:sagemaker:us-east-1:123456789012:training-job/job-1";
    private readonly ResourceTags _tags = new();

    private static Tag Tag(string key, string value = "v") => new() { Key = key, Value = value };

    private async Task<List<Tag>> AllAsync()
    {
        var all = new List<Tag>();
        string? token = null;
        do
        {
            var page = await _tags.ListTagsAsync(new ListTagsRequest { ResourceArn = Arn, NextToken = token, MaxResults = 50 }, default);
            all.AddRange(page.Tags!);
            token = page.NextToken;
        }
        while (token is not null);
        return all;
    }

    [Fact]
    public async Task Adding_a_key_again_replaces_its_value_and_keeps_its_place()
    {
        _tags.Register(Arn, [Tag("team", "ml"), Tag("stage", "dev")]);

        await _tags.AddTagsAsync(new AddTagsRequest { ResourceArn = Arn, Tags = [Tag("stage", "prod"), Tag("owner", "pipeline")] }, default);

        Assert.Equal([("team", "ml"), ("stage", "prod"), ("owner", "pipeline")], (await AllAsync()).Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public async Task Deleting_keys_removes_only_those_and_ignores_keys_it_does_not_have()
    {
        _tags.Register(Arn, [Tag("a"), Tag("b"), Tag("c")]);

        await _tags.DeleteTagsAsync(new DeleteTagsRequest { ResourceArn = Arn, TagKeys = ["b", "missing"] }, default);

        Assert.Equal(["a", "c"], (await AllAsync()).Select(t => t.Key));
    }

    [Fact]
    public async Task A_resource_cannot_hold_more_than_50_tags_and_a_refused_add_changes_nothing()
    {
        _tags.Register(Arn, [.. Enumerable.Range(0, 49).Select(i => Tag($"k{i}"))]);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _tags.AddTagsAsync(new AddTagsRequest { ResourceArn = Arn, Tags = [Tag("k0", "new"), Tag("x"), Tag("y")] }, default));

        Assert.Contains("at most 50", error.Message);
        Assert.Equal(49, (await AllAsync()).Count);
        Assert.Equal("v", (await AllAsync())[0].Value);
    }

    [Fact]
    public async Task A_resource_that_was_never_created_or_is_deleted_is_a_ValidationException()
    {
        _tags.Register(Arn, [Tag("a")]);
        _tags.Forget(Arn);

        await Assert.ThrowsAsync<ValidationException>(() => _tags.ListTagsAsync(new ListTagsRequest { ResourceArn = Arn }, default));
        await Assert.ThrowsAsync<ValidationException>(() =>
            _tags.AddTagsAsync(new AddTagsRequest { ResourceArn = Arn.Replace("job-1", "job-2", StringComparison.Ordinal), Tags = [Tag("a")] }, default));
    }

    [Fact]
    public void Every_bad_tag_of_a_request_is_named()
    {
        var problems = ResourceTags.Problems([Tag("aws:created-by"), Tag(new string('k', 129)), new Tag { Key = null, Value = "v" }, Tag("ok", "semi;colon")]);

        Assert.Equal(4, problems.Count);
        Assert.Contains("reserved prefix 'aws:'", problems[0]);
        Assert.Contains("tags.2.member.key", problems[1]);
        Assert.Contains("tags.3.member.key", problems[2]);
        Assert.Contains("tags.4.member.value", problems[3]);
        Assert.Empty(ResourceTags.Problems([Tag("Project name", "data-distribution/2026:v1+@=_.")]));
    }

    [Fact]
    public async Task ListTags_refuses_a_page_smaller_than_50_as_the_service_does()
    {
        _tags.Register(Arn, [Tag("a")]);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _tags.ListTagsAsync(new ListTagsRequest { ResourceArn = Arn, MaxResults = 10 }, default));

        Assert.Contains("greater than or equal to 50", error.Message);
    }
}
