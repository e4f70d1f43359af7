// A mail server for tests on 127.0.0.1: just enough of RFC 5321 (greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA,
// RSET, NOOP, QUIT) for MailKit to hand it a message, which it keeps for the test to read back with MimeKit.
// It refuses every recipient at the domain refused.invalid, as a server refuses an unknown mailbox.
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MimeKit;

namespace Approvals.Host.Tests;

internal sealed class SmtpSink(int port) : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, port);
    private readonly Channel<byte[]> received = Channel.CreateUnbounded<byte[]>();
    private readonly CancellationTokenSource stopping = new();
    private Task accepting = Task.CompletedTask;

    /// <summary>A loopback port that nothing listens on until a sink is started on it.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var free = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return free;
    }

    public void Start()
    {
        listener.Start();
        accepting = AcceptAsync(stopping.Token);
    }

    /// <summary>The first message received (from now on, in arrival order) that matches, decoded.</summary>
    public async Task<MimeMessage> ReceiveAsync(Func<MimeMessage, bool> wanted, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            var data = await received.Reader.ReadAsync(timer.Token);
            var message = await MimeMessage.LoadAsync(new MemoryStream(data), timer.Token);
            if (wanted(message))
            {
                return message;
            }

            message.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                sessions.Add(ServeAsync(client, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                await ConverseAsync(client, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The sink is stopping, or the client hung up.
            }
        }
    }

    private async Task ConverseAsync(TcpClient client, CancellationToken cancellationToken)
    {
        // The sink announces no 8BITMIME, so a client sends 7-bit text; Latin-1 keeps every byte as it came.
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink.test ESMTP ready");
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            switch (line.Split(' ', 2)[0].ToUpperInvariant())
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 sink.test");
                    break;
                case "RCPT" when line.Contains("@refused.invalid>", StringComparison.OrdinalIgnoreCase):
                    await writer.WriteLineAsync("550 5.1.1 No such user");
                    break;
                case "MAIL" or "RCPT" or "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    received.Writer.TryWrite(await ReadDataAsync(reader, cancellationToken));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    /// <summary>Lines up to the lone ".", with the client's dot-stuffing undone.</summary>
    private static async Task<byte[]> ReadDataAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
        {
            text.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.ToString());
    }
}
