using Approvals.Bench;

return await BenchProgram.RunAsync(args, new Dictionary<string, Benchmark>());
