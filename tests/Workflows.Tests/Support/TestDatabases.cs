// The databases every engine test runs on: SQLite always, PostgreSQL when APPROVALS_TEST_POSTGRES names a server.
namespace Approvals.Workflows.Tests.Support;

public static class TestDatabases
{
    public const string PostgresVariable = "APPROVALS_TEST_POSTGRES";

    public static string? PostgresAdminConnection => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static IReadOnlyList<string> Names => PostgresAdminConnection is null ? ["sqlite"] : ["sqlite", "postgres"];

    public static TheoryData<string> All => new(Names);
}
