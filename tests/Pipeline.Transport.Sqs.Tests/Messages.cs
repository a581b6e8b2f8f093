namespace Pipeline.Transport.Sqs.Tests;

public sealed record Ping(string Text);

public sealed record Pong(string Text);

public sealed record Work(string Text);

public sealed record Outer
{
    public sealed record Inner;
}

public sealed record Envelope<T>(T Content);
