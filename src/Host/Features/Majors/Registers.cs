// The registry collections the processes keep about organisations, with the names a person reads: a school's majors
// (filed, warned, withdrawn) and its quality-school designation (designated, completed, revoked).
namespace Approvals.Host.Features.Majors;

public sealed record Register(string Collection, string Name, IReadOnlyDictionary<string, string> Statuses)
{
    public string StatusName(string status) => Statuses.GetValueOrDefault(status, status);
}

public static class Registers
{
    public static readonly Register SchoolMajors = new(Majors.SchoolMajors.Collection, "学校专业", new Dictionary<string, string>
    {
        [Majors.SchoolMajors.Active] = "开设中", [Majors.SchoolMajors.Warning] = "预警中", [Majors.SchoolMajors.Withdrawn] = "已退出",
    });

    public static readonly Register QualitySchools = new("quality-schools", "优质技工院校认定", new Dictionary<string, string>
    {
        ["designated"] = "已认定（建设中）", ["completed"] = "建设期满", ["revoked"] = "已撤销认定",
    });

    public static readonly IReadOnlyDictionary<string, Register> All =
        new[] { SchoolMajors, QualitySchools }.ToDictionary(r => r.Collection, StringComparer.Ordinal);
}
