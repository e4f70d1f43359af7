// One real host per test class: migrating and seeding take a second or two, the cases each test starts are its own.
namespace Approvals.Host.Tests;

public sealed class HostFixture : IAsyncLifetime
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    public HostFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new HostFactory(databaseFile);
        Factory.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignInAsync(userName);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }
}
