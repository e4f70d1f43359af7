// A PostgreSQL database of the test's own when APPROVALS_TEST_POSTGRES names a server (CI sets it), dropped after.
using Npgsql;

namespace Approvals.Host.Tests;

public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "APPROVALS_TEST_POSTGRES";

    private readonly string admin;
    private readonly string name = $"approvals_host_{Guid.NewGuid():N}";

    private TestPostgres(string admin) => this.admin = admin;

    public static string? AdminConnection => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>"sqlite" always; "postgres" too when a server is named.</summary>
    public static TheoryData<string> Providers => AdminConnection is null ? new TheoryData<string>("sqlite") : new TheoryData<string>("sqlite", "postgres");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;

    public static async Task<TestPostgres> CreateAsync()
    {
        var database = new TestPostgres(AdminConnection ?? throw new InvalidOperationException($"{Variable} is not set."));
        await using var connection = new NpgsqlConnection(database.admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.name}\"", connection);
        await create.ExecuteNonQueryAsync();
        // A test database need not survive a power cut: commits that skip the disk flush keep the run short.
        await using var fast = new NpgsqlCommand($"ALTER DATABASE \"{database.name}\" SET synchronous_commit = off", connection);
        await fast.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
