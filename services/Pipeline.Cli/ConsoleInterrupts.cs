namespace Pipeline.Cli;

/// <summary>
/// The first Ctrl+C asks the running command to stop cleanly (its token is cancelled); the second is left to
/// the runtime, which ends the process at once.
/// </summary>
public sealed class ConsoleInterrupts : IDisposable
{
    private readonly CancellationTokenSource _first = new();

    public ConsoleInterrupts() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken FirstInterrupt => _first.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _first.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_first.IsCancellationRequested)
            return;
        e.Cancel = true;
        _first.Cancel();
    }
}
