// The host's log lines kept in memory, for a test that waits for a background job to say it is done.
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Approvals.Host.Tests;

public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> lines = new();

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

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture.lines.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
