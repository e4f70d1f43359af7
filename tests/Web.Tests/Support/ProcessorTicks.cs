// Who used the two cores while a page loaded: the Host, every Chromium process, and the machine as a whole (the other
// users of a shared machine included). Read from /proc, so only on Linux; elsewhere all three stay zero.
using System.Globalization;

namespace Approvals.Web.Tests.Support;

public readonly record struct ProcessorTicks(long Host, long Chromium, long MachineBusy, long MachineTotal)
{
    private const double MillisecondsPerTick = 10; // USER_HZ is 100 on Linux

    public static ProcessorTicks Read(int hostProcessId)
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        long host = 0, chromium = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var processId))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = Ticks(fields[11]) + Ticks(fields[12]); // utime and stime
                if (processId == hostProcessId)
                {
                    host += ticks;
                }
                else if (name.StartsWith("chrom", StringComparison.Ordinal))
                {
                    chromium += ticks;
                }
            }
            catch (IOException)
            {
                // The process ended while the directory was read.
            }
        }

        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Ticks).ToArray();
        var total = machine.Sum();
        return new ProcessorTicks(host, chromium, total - machine[3] - machine[4], total); // less idle and iowait
    }

    public static ProcessorTicks operator -(ProcessorTicks after, ProcessorTicks before) => new(
        after.Host - before.Host, after.Chromium - before.Chromium, after.MachineBusy - before.MachineBusy, after.MachineTotal - before.MachineTotal);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CPU：Host {Host * MillisecondsPerTick:F0} ms，Chromium 全部进程 {Chromium * MillisecondsPerTick:F0} ms，整机忙 {MachineBusy * MillisecondsPerTick:F0} ms / 共 {MachineTotal * MillisecondsPerTick:F0} ms");

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
