using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server.Doubles;

namespace Pipeline.LocalSageMaker.Tests.Server;

public sealed class When_the_command_line_is_parsed
{
    private static LocalSageMakerCommandLine Command() => new((_, _) => { }, TextWriter.Null);

    [Fact]
    public void Options_become_the_settings_they_name()
    {
        var command = Command();

        var settings = command.Settings(command.Parse(["--host", "0.0.0.0", "--port", "9000", "--work-root", "work", "--objects", "objects"]));

        Assert.Equal("0.0.0.0", settings["LocalSageMaker:Server:Host"]);
        Assert.Equal("9000", settings["LocalSageMaker:Server:Port"]);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "work"), settings["LocalSageMaker:WorkRoot"]);
        Assert.Equal("Local", settings["Storage:Kind"]);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "objects"), settings["Storage:Root"]);
    }

    [Fact]
    public void An_S3_endpoint_makes_the_object_store_S3_at_that_endpoint()
    {
        var command = Command();

        var settings = command.Settings(command.Parse(["--s3-endpoint", "http://127.0.0.1:5000"]));

        Assert.Equal("S3", settings["Storage:Kind"]);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), new Uri(settings["Storage:S3:ServiceUrl"]!));
        Assert.False(settings.ContainsKey("Storage:Root"));
    }

    [Fact]
    public void Options_not_given_leave_the_configuration_alone()
    {
        var command = Command();

        Assert.Empty(command.Settings(command.Parse([])));
    }

    [Theory]
    [InlineData("--objects", "o", "--s3-endpoint", "http://127.0.0.1:5000")]
    [InlineData("--s3-endpoint", "ftp://127.0.0.1:5000", "--port", "1")]
    [InlineData("--port", "nine", "--host", "127.0.0.1")]
    public void Contradictory_or_malformed_options_are_errors(string option1, string value1, string option2, string value2)
    {
        Assert.NotEmpty(Command().Parse([option1, value1, option2, value2]).Errors);
    }

    [Fact]
    public async Task The_host_it_builds_serves_the_engine_on_the_configured_port()
    {
        var trainingJobs = new ScriptedTrainingJobApi
        {
            OnDescribe = request => new DescribeTrainingJobResponse { TrainingJobName = request.TrainingJobName, TrainingJobStatus = "Completed" },
        };
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            await using var app = LocalSageMakerHost.Create(
                new Dictionary<string, string?> { ["LocalSageMaker:Server:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                (services, _) => services.AddSingleton<ITrainingJobApi>(trainingJobs).AddSingleton<ILogsApi>(new ScriptedLogsApi()));
            try
            {
                await app.StartAsync();
            }
            catch (IOException e) when (attempt < 5 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the port was taken between asking for it and binding it
            }

            try
            {
                using var http = new HttpClient();
                using var content = new StringContent("""{"TrainingJobName":"standalone"}""");
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/") { Content = content };
                request.Headers.Add("X-Amz-Target", "SageMaker.DescribeTrainingJob");
                using var response = await http.SendAsync(request);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("\"TrainingJobStatus\":\"Completed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                return;
            }
            finally
            {
                await app.StopAsync();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
