// The host's log lines kept in memory, for a test that waits for a background job to say it is done, or that reads
// every line (down to Trace) for what must never be logged.
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Approvals.Host.Tests;

public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> lines = new();

    /// <summary>The lowest level kept; the host's own log filter (Logging:LogLevel) must let such lines through too.</summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    /// <summary>The lines kept, each message followed by its exception's text, if any.</summary>
    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits until a line of the category has been logged, and returns it.</summary>
    public async Task<(LogLevel Level, string Message)> WaitForAsync(string category, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in lines)
            {
                if (line.Category == category)
                {
                    return (line.Level, line.Message);
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"nothing was logged by {category} within {timeout.TotalSeconds} s");
    }

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= capture.MinimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, exception);
                capture.lines.Enqueue((logLevel, category, exception is null ? message : $"{message}\n{exception}"));
            }
        }
    }
}
