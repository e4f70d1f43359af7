// The first thing a newcomer reads on the console: where the service is and where its data lives.
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;

namespace Approvals.Host.Startup;

internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = app.Services.GetRequiredService<WorkflowDatabase>();
        var where = database.Provider == DatabaseProvider.Sqlite
            ? $"SQLite 文件 {new SqliteConnectionStringBuilder(database.ConnectionString).DataSource}"
            : "PostgreSQL";
        Console.WriteLine();
        Console.WriteLine("技工院校审批引擎已启动");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  地址：{address}    健康检查：{address.TrimEnd('/')}/health");
        }

        Console.WriteLine($"  数据库：{where}");
        if (app.Services.GetRequiredService<IConfiguration>().GetValue<bool?>("Approvals:DemoData") ?? database.Provider == DatabaseProvider.Sqlite)
        {
            var address = addresses.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost:5000";
            Console.WriteLine($"  演示账号（密码均为 {DemoData.Password}）：");
            foreach (var (userName, displayName, _, _) in DemoData.Users)
            {
                Console.WriteLine($"    {userName,-10} {displayName}");
            }

            Console.WriteLine($"  接口文档：{address}/scalar/v1");
            Console.WriteLine("  命令行登录并查看待办：");
            Console.WriteLine($"    curl -c jar -H 'Content-Type: application/json' -d '{{\"userName\":\"hohhot\",\"password\":\"{DemoData.Password}\"}}' {address}/api/auth/login");
            Console.WriteLine($"    curl -b jar '{address}/api/tasks?list=todo'");
        }

        Console.WriteLine("  按 Ctrl+C 停止。");
        Console.WriteLine();
    }
}
