using Pipeline.Contracts;

namespace Pipeline.Contracts.Tests.Spec;

public class When_several_fields_are_wrong
{
    [Fact]
    public void Reports_all_of_them_at_once()
    {
        var notebook = Specs.Notebook();
        var spec = (notebook with
        {
            Bucket = "Not A Bucket",
            RoleArn = "admin",
            Data = notebook.Data with { TestYear = 1979 },
            Training = notebook.Training with { InstanceCount = 0 },
            Variants = [],
            Timeouts = notebook.Timeouts with { Deploy = TimeSpan.Zero },
            Tags = new Dictionary<string, string> { ["aws:team"] = "ml" },
        }).WithHyperParameter("epochs", "many");

        var problems = spec.Validate();

        string[] expected = ["Bucket", "RoleArn", "1979", "Training.InstanceCount", "Variants", "Timeouts.Deploy", "aws:team", "epochs"];
        Assert.Equal(expected.Length, problems.Count);
        foreach (var mention in expected)
            Assert.Contains(problems, p => p.Contains(mention, StringComparison.Ordinal));
    }
}
