// A loopback TCP forwarder in front of the Host nodes: each new client connection goes to the next live backend in
// turn, a backend that is down (no address, or refusing connections) is skipped, and a connection whose backend dies
// is closed, so the client sees the cut as a connection failure. It gives the driver one address for the whole run
// while nodes die and come back on new ports.
using System.Net;
using System.Net.Sockets;

namespace Approvals.Bench.Chaos;

public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly IPEndPoint?[] backends;
    private readonly long[] connections;
    private readonly List<Task> pumps = [];
    private Task? accepting;
    private int next;

    public RoundRobinProxy(int slots)
    {
        backends = new IPEndPoint?[slots];
        connections = new long[slots];
    }

    public Uri Address { get; private set; } = new("http://127.0.0.1");

    /// <summary>Client connections forwarded to each slot so far.</summary>
    public IReadOnlyList<long> Connections => [.. Enumerable.Range(0, connections.Length).Select(i => Interlocked.Read(ref connections[i]))];

    public void Start()
    {
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = AcceptAsync();
    }

    /// <summary>Points a slot at a node's address, or takes it out of the rotation (null) before the node is killed.</summary>
    public void SetBackend(int slot, Uri? address) =>
        Volatile.Write(ref backends[slot], address is null ? null : new IPEndPoint(IPAddress.Loopback, address.Port));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        if (accepting is not null)
        {
            await accepting;
        }

        Task[] running;
        lock (pumps)
        {
            running = [.. pumps];
        }

        await Task.WhenAll(running);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var pump = ForwardAsync(client);
            lock (pumps)
            {
                pumps.RemoveAll(p => p.IsCompleted);
                pumps.Add(pump);
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            using var backend = await ConnectAsync();
            if (backend is null)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                return;
            }

            using var cut = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var upstream = client.GetStream();
            var downstream = backend.GetStream();
            var up = CopyAsync(upstream, downstream, cut.Token);
            var down = CopyAsync(downstream, upstream, cut.Token);
            await Task.WhenAny(up, down);
            await cut.CancelAsync();
            await Task.WhenAll(up, down);
        }
    }

    /// <summary>The next live backend in turn; each slot is tried once.</summary>
    private async Task<TcpClient?> ConnectAsync()
    {
        for (var attempt = 0; attempt < backends.Length; attempt++)
        {
            var slot = (int)((uint)Interlocked.Increment(ref next) % (uint)backends.Length);
            if (Volatile.Read(ref backends[slot]) is not { } endpoint)
            {
                continue;
            }

            var backend = new TcpClient { NoDelay = true };
            try
            {
                await backend.ConnectAsync(endpoint, stop.Token);
                Interlocked.Increment(ref connections[slot]);
                return backend;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                backend.Dispose();
            }
        }

        return null;
    }

    /// <summary>Copies until either side closes or fails; a failure ends the pair like a close.</summary>
    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the other side went away (a killed node, a client done with its connection)
        }
    }
}
