using System.Text.Json;
using Pipeline.Aws;
using Pipeline.Aws.Runtime;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Tests.Server;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

public sealed class When_clients_drive_hosting
{
    [Fact]
    public async Task The_Pipeline_Aws_clients_host_a_model_and_get_its_scores()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(4);
        const string url = "s3://bucket/clients/model.tar.gz";
        await model.UploadAsync(harness.Store, url, harness.Folder);
        using var clients = harness.Clients();
        var sageMaker = clients.SageMaker;

        await sageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = "clients",
            ExecutionRoleArn = HostingHarness.Role,
            PrimaryContainer = new ContainerDefinition { Image = HostingHarness.Image, ModelDataUrl = url },
        });
        await sageMaker.CreateEndpointConfigAsync(HostingHarness.Config("clients", "clients"));
        await sageMaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "clients", EndpointConfigName = "clients" });
        var status = await harness.WaitWhileAsync("clients", HostedEndpoint.Creating);
        var described = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "clients" });
        var rows = model.Rows(40);
        var response = await clients.SageMakerRuntime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = "clients",
            Body = RuntimeCall.Csv(rows),
            ContentType = "text/csv",
            Accept = "application/json",
        });
        var modelError = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SageMakerRuntime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = "clients",
            Body = "1,2,3,4\n1,2,3\n"u8.ToArray(),
            ContentType = "text/csv",
        }));

        Assert.Equal("InService", status.EndpointStatus);
        Assert.Equal("InService", described.EndpointStatus);
        Assert.Equal("AllTraffic", response.InvokedProductionVariant);
        Assert.Equal("application/json", response.ContentType);
        var scores = RuntimeCall.Predictions(System.Text.Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(rows.Length, scores.Length);
        for (var i = 0; i < rows.Length; i++)
            Assert.Equal(model.Score(rows[i]), scores[i], 1e-4);
        Assert.Equal("ModelError", modelError.ErrorCode);
        Assert.Equal(424, (int)modelError.StatusCode);
        Assert.Contains("Row 2 has 3 features", modelError.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Boto3_runs_the_notebooks_hosting_cells_against_it()
    {
        await using var harness = await HostingHarness.StartAsync();
        var model = new TestModel(2);
        const string url = "s3://bucket/boto3/model.tar.gz";
        await model.UploadAsync(harness.Store, url, harness.Folder);
        var rows = model.Rows(25);
        var csv = Path.Combine(harness.Folder, "rows.csv");
        await File.WriteAllBytesAsync(csv, RuntimeCall.Csv(rows));

        var output = await Boto3Script.RunAsync("Hosting/boto3_hosting.py", harness.Address, [url, HostingHarness.Image, csv]);

        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal(harness.Address.ToString().TrimEnd('/'), result.GetProperty("runtime_url").GetString()!.TrimEnd('/'));
        Assert.Equal("arn:aws:sagemaker:us-east-1:000000000000:endpoint/boto3-endpoint", result.GetProperty("endpoint_arn").GetString());
        Assert.Equal(("InService", 2), (result.GetProperty("status").GetString(), result.GetProperty("instances").GetInt32()));
        Assert.Equal(("application/json", "AllTraffic"), (result.GetProperty("content_type").GetString(), result.GetProperty("variant").GetString()));
        var scores = result.GetProperty("scores").EnumerateArray().Select(s => s.GetDouble()).ToList();
        Assert.Equal(rows.Length, scores.Count);
        for (var i = 0; i < rows.Length; i++)
            Assert.Equal(model.Score(rows[i]), scores[i], 1e-4);
        var modelError = result.GetProperty("model_error");
        Assert.Equal(("ModelError", 424), (modelError.GetProperty("code").GetString(), modelError.GetProperty("status").GetInt32()));
        Assert.Contains("Row 2, column 1: 'not' is not a number.", modelError.GetProperty("message").GetString(), StringComparison.Ordinal);
        var afterDelete = result.GetProperty("after_delete");
        Assert.Equal("ValidationException", afterDelete.GetProperty("code").GetString());
        Assert.Equal("Could not find endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/boto3-endpoint\".", afterDelete.GetProperty("message").GetString());
        var invokeAfterDelete = result.GetProperty("invoke_after_delete");
        Assert.Equal(("ValidationError", "Endpoint boto3-endpoint of account 000000000000 not found."),
            (invokeAfterDelete.GetProperty("code").GetString(), invokeAfterDelete.GetProperty("message").GetString()));
    }
}
