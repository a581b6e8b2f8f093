using System.Text;

namespace Pipeline.Evaluator.Tests;

public sealed class PredictionsResponseTests
{
    [Fact]
    public void Reads_every_score_in_order()
    {
        var scores = PredictionsResponse.ReadScores(Json("""{"predictions":[{"score":1.5},{"score":-2e-3},{"score":7}]}"""));

        Assert.Equal([1.5, -0.002, 7], scores);
    }

    [Theory]
    [InlineData("""{"predictions":[{"score":1}""", "not JSON")]
    [InlineData("""{"scores":[1,2]}""", "no \"predictions\" array")]
    [InlineData("""[{"score":1}]""", "no \"predictions\" array")]
    [InlineData("""{"predictions":[{"score":1},{"predicted_label":0}]}""", "prediction 1 has no numeric \"score\"")]
    [InlineData("""{"predictions":[{"score":"1.5"}]}""", "prediction 0 has no numeric \"score\"")]
    public void Explains_a_malformed_answer(string body, string problem)
    {
        var error = Assert.Throws<EvaluationFailedException>(() => PredictionsResponse.ReadScores(Json(body)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_answer_that_is_not_json()
    {
        var response = new EndpointResponse(Encoding.UTF8.GetBytes("1.5\n2.5"), "text/csv");

        var error = Assert.Throws<EvaluationFailedException>(() => PredictionsResponse.ReadScores(response));

        Assert.Contains("text/csv", error.Message, StringComparison.Ordinal);
    }

    private static EndpointResponse Json(string body) => new(Encoding.UTF8.GetBytes(body), "application/json");
}
