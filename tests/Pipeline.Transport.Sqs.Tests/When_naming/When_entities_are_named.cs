using Pipeline.Transport.Sqs.Topology;

namespace Pipeline.Transport.Sqs.Tests.When_naming;

public sealed class When_entities_are_named
{
    private static readonly SqsMessageNameFormatter Formatter = new();

    [Fact]
    public void A_message_type_s_topic_is_its_namespace_with_underscores_a_dash_and_its_name() =>
        Assert.Equal("Pipeline_Transport_Sqs_Tests-Ping", Formatter.GetMessageName(typeof(Ping)));

    [Fact]
    public void A_nested_type_follows_its_declaring_type_after_an_underscore() =>
        Assert.Equal("Pipeline_Transport_Sqs_Tests-Outer_Inner", Formatter.GetMessageName(typeof(Outer.Inner)));

    [Fact]
    public void A_generic_type_s_arguments_are_between_double_dashes() =>
        Assert.Equal("Pipeline_Transport_Sqs_Tests-Envelope--Ping--", Formatter.GetMessageName(typeof(Envelope<Ping>)));

    [Theory]
    [InlineData("prod", "orders", "prod_orders")]
    [InlineData("prod", "prod_orders", "prod_orders")]
    [InlineData(null, "orders", "orders")]
    [InlineData("", "orders", "orders")]
    public void Names_are_under_the_scope_once(string? scope, string name, string expected) =>
        Assert.Equal(expected, new SqsEntityNames(new SqsHostSettings { Scope = scope }).Scoped(name));

    [Fact]
    public void Short_addresses_are_read_under_the_scope_and_full_ones_as_they_are()
    {
        var names = new SqsEntityNames(new SqsHostSettings { Scope = "prod" });

        Assert.Equal(new SqsAddress("prod_orders", false), SqsAddress.Parse(new Uri("queue:orders"), names));
        Assert.Equal(new SqsAddress("prod_Ns-Ping", true), SqsAddress.Parse(new Uri("topic:Ns-Ping"), names));
        Assert.Equal(new SqsAddress("other_orders", false), SqsAddress.Parse(new Uri("amazonsqs://eu-west-1/other_orders"), names));
        Assert.Equal(new SqsAddress("prod_Ns-Ping", true), SqsAddress.Parse(new Uri("amazonsqs://eu-west-1/prod_Ns-Ping?type=topic"), names));
    }

    [Fact]
    public void An_address_of_another_transport_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => SqsAddress.Parse(new Uri("rabbitmq://localhost/orders"), new SqsEntityNames(new())));

        Assert.Contains("rabbitmq://localhost/orders", error.Message);
    }
}
