using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Features;

public sealed class ExpertPoolTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task GetExperts_DemoData_TheTwoExpertsWithTheirSchoolsAndCities()
    {
        var pool = host.Factory.Services.GetRequiredService<IExpertPool>();

        var experts = await pool.GetExpertsAsync("工学一体化专家库", CancellationToken.None);

        Assert.Equal([("150400-01", "150400"), ("150500-02", "150500")], experts.Select(e => (e.OrgId, e.CityOrgId!)).Order());
    }
}
