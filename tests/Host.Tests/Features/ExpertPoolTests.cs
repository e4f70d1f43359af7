using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Features;

public sealed class ExpertPoolTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task GetExperts_DemoData_TheFourExpertsWithTheirSchoolsAndCities()
    {
        var pool = host.Factory.Services.GetRequiredService<IExpertPool>();

        var experts = await pool.GetExpertsAsync("工学一体化专家库", CancellationToken.None);

        Assert.Equal(
            [("150100-02", "150100"), ("150200-02", "150200"), ("150400-01", "150400"), ("150500-02", "150500")],
            experts.Select(e => (e.OrgId, e.CityOrgId!)).Order());
    }

    [Theory]
    [InlineData("150100-01", "呼和浩特技师学院", "技师学院", "150100", "呼和浩特市")]
    [InlineData("150200-05", "包头技工学校", "技工学校", "150200", "包头市")]
    [InlineData("150781", "满洲里市人力资源和社会保障局", null, "150781", "满洲里市")]
    [InlineData("150000", "内蒙古自治区人力资源和社会保障厅", null, null, null)]
    public async Task GetProfile_AnOrganisation_NamesItsSchoolTypeAndCity(string orgId, string name, string? type, string? cityId, string? cityName)
    {
        var directory = host.Factory.Services.GetRequiredService<IOrganizationDirectory>();

        var profile = await directory.GetProfileAsync(orgId, CancellationToken.None);

        Assert.Equal(new OrganizationProfile(orgId, name, type, cityId, cityName), profile);
        Assert.Null(await directory.GetProfileAsync("no-such-org", CancellationToken.None));
    }
}
