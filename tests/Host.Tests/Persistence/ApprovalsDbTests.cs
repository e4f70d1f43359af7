using Approvals.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Tests.Persistence;

public sealed class ApprovalsDbTests
{
    [Fact]
    public void Migrations_BothProviders_MatchTheModel()
    {
        using var sqlite = new SqliteApprovalsDbFactory().CreateDbContext([]);
        using var postgres = new PostgresApprovalsDbFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations lag the host model: add a migration");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations lag the host model: add a migration");
    }
}
