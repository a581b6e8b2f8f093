using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.LocalSageMaker.Server;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>The built program, started as a user starts it, read through what it prints.</summary>
public sealed class When_LocalSageMaker_runs_standalone : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("localsagemaker-standalone-").FullName;

    [Fact]
    public async Task It_starts_on_a_free_port_and_prints_its_address_and_the_variables_for_boto3()
    {
        using var process = Start(["--port", "0", "--objects", Path.Combine(_folder, "objects"), "--work-root", Path.Combine(_folder, "work")]);
        try
        {
            var banner = await ReadBannerAsync(process);
            var address = new Uri(banner[0][LocalSageMakerCommandLine.ListeningPrefix.Length..]);

            Assert.Equal(IPAddress.Loopback, IPAddress.Parse(address.Host));
            Assert.NotEqual(0, address.Port);
            Assert.Contains($"export AWS_ENDPOINT_URL_SAGEMAKER=http://127.0.0.1:{address.Port}", banner);
            Assert.Contains($"export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:{address.Port}", banner);
            // It speaks the protocol at that address (an operation it does not serve needs no engine to answer).
            var (status, body) = await PostAsync(address, "SageMaker.CreateHyperParameterTuningJob");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("\"__type\":\"UnknownOperationException\"", body, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    [Fact]
    public async Task It_takes_its_port_from_the_environment_when_the_command_line_gives_none()
    {
        var port = FreePort();
        using var process = Start([], new() { ["LocalSageMaker__Server__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try
        {
            var banner = await ReadBannerAsync(process);

            Assert.Equal($"{LocalSageMakerCommandLine.ListeningPrefix}http://127.0.0.1:{port}", banner[0]);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    [Fact]
    public async Task It_refuses_a_host_that_is_not_an_IP_address_with_the_configuration_exit_code()
    {
        using var process = Start(["--host", "not-an-address"]);
        using var deadline = new CancellationTokenSource(StartDeadline);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);

        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(LocalSageMakerCommandLine.InvalidConfiguration, process.ExitCode);
        Assert.Contains("LocalSageMaker:Server:Host", await errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Process Start(string[] arguments, Dictionary<string, string>? environment = null)
    {
        // The program is built beside the tests (project reference); run it with the dotnet that runs the tests.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.LocalSageMaker.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in (string[])["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "LocalSageMaker__Server__Port", "LocalSageMaker__Server__Host"])
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? [])
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>The lines from "LocalSageMaker listening on" to the last export line.</summary>
    private static async Task<List<string>> ReadBannerAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(StartDeadline);
        var seen = new StringBuilder();
        var banner = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.StartsWith(LocalSageMakerCommandLine.ListeningPrefix, StringComparison.Ordinal) || banner.Count > 0)
                    banner.Add(line);
                if (line.StartsWith("export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=", StringComparison.Ordinal))
                    return banner;
            }
        }
        catch (OperationCanceledException)
        {
            // reported below with what it printed
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException(
            $"LocalSageMaker printed no address within {StartDeadline.TotalSeconds} s. Its output:\n{seen}\nIts errors:\n{await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri address, string target)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent("{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Add("X-Amz-Target", target);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
