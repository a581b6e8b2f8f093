using System.Net;
using System.Text;
using Pipeline.Aws.Http;

namespace Pipeline.Aws.Tests.Http;

public sealed class AwsErrorsTests
{
    [Theory]
    [InlineData("ValidationException", "ValidationException")]
    [InlineData("com.amazonaws.sagemaker#ResourceInUse", "ResourceInUse")]
    [InlineData("aws.protocoltests#ns#Deep", "Deep")]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/", "ThrottlingException")]
    [InlineData("  ResourceNotFoundException  ", "ResourceNotFoundException")]
    public void The_code_loses_its_namespace_and_url(string raw, string expected) =>
        Assert.Equal(expected, AwsErrors.ErrorCode(raw));

    [Fact]
    public void A_body_that_is_not_json_becomes_the_message_under_a_code_naming_the_status()
    {
        var error = AwsErrors.Read(HttpStatusCode.BadGateway, Encoding.UTF8.GetBytes("<html>bad gateway</html>"), null);

        Assert.Equal("Http502", error.ErrorCode);
        Assert.Equal("<html>bad gateway</html>", error.ServiceMessage);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
    }

    [Fact]
    public void A_long_body_is_cut_in_the_message()
    {
        var error = AwsErrors.Read(HttpStatusCode.InternalServerError, Encoding.UTF8.GetBytes(new string('x', 5000)), null);

        Assert.True(error.ServiceMessage.Length < 1000);
    }

    [Fact]
    public void The_runtimes_ValidationError_is_a_ValidationException() =>
        Assert.IsType<ValidationException>(AwsErrors.Read(HttpStatusCode.BadRequest, """{"message":"row 3 has 2 columns"}"""u8, "ValidationError"));

    [Fact]
    public void An_xml_ErrorResponse_gives_its_code_and_message()
    {
        var error = AwsErrors.Read(HttpStatusCode.BadRequest,
            """<?xml version="1.0"?><ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: TopicArn</Message></Error><RequestId>r</RequestId></ErrorResponse>"""u8, null);

        Assert.IsType<ValidationException>(error);
        Assert.Equal(("InvalidParameter", "Invalid parameter: TopicArn"), (error.ErrorCode, error.ServiceMessage));
    }

    [Fact]
    public void An_xml_Errors_list_gives_its_first_error()
    {
        var error = AwsErrors.Read(HttpStatusCode.ServiceUnavailable,
            "<Response><Errors><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></Errors></Response>"u8, null);

        Assert.Equal(("ServiceUnavailable", "busy"), (error.ErrorCode, error.ServiceMessage));
    }

    [Fact]
    public void Markup_without_an_Error_element_becomes_the_message_under_a_code_naming_the_status()
    {
        var error = AwsErrors.Read(HttpStatusCode.BadGateway, "<html><body>Bad gateway<br></body></html>"u8, null);

        Assert.Equal(("Http502", "<html><body>Bad gateway<br></body></html>"), (error.ErrorCode, error.ServiceMessage));
    }

    [Fact]
    public void Throttling_is_recognised_from_our_clients_and_the_sdk_also_when_wrapped()
    {
        Assert.True(AwsErrors.IsThrottling(new ThrottlingException("Rate exceeded")));
        Assert.True(AwsErrors.IsThrottling(new InvalidOperationException("step failed", new ThrottlingException("Rate exceeded"))));
        Assert.True(AwsErrors.IsThrottling(new Amazon.Runtime.AmazonServiceException("Please reduce your request rate.")
            { ErrorCode = "SlowDown", StatusCode = HttpStatusCode.ServiceUnavailable }));
        Assert.True(AwsErrors.IsThrottling(new Amazon.Runtime.AmazonServiceException("Rate exceeded")
            { ErrorCode = "ProvisionedThroughputExceededException", StatusCode = HttpStatusCode.BadRequest }));
    }

    [Fact]
    public void Other_errors_are_not_throttling()
    {
        Assert.False(AwsErrors.IsThrottling(new ValidationException("bad name")));
        Assert.False(AwsErrors.IsThrottling(new AwsServiceException("InternalFailure", "oops", HttpStatusCode.InternalServerError)));
        Assert.False(AwsErrors.IsThrottling(new Amazon.Runtime.AmazonServiceException("Access Denied")
            { ErrorCode = "AccessDenied", StatusCode = HttpStatusCode.Forbidden }));
        Assert.False(AwsErrors.IsThrottling(new HttpRequestException("connection refused")));
    }
}
