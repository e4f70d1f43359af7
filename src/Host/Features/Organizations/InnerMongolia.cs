// The Inner Mongolia tree the documents address: the region's HR department, its 12 leagues and cities plus
// 满洲里 and 二连浩特 (addressed directly), each city's HR, education and finance bureaus. Ids are the
// administrative division codes, so they read the same in every export.
namespace Approvals.Host.Features.Organizations;

internal static class InnerMongolia
{
    public const string ProvinceId = "150000";

    /// <summary>(division code, full name, short name used in school names).</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string Short)> Cities =
    [
        ("150100", "呼和浩特市", "呼和浩特"),
        ("150200", "包头市", "包头"),
        ("150300", "乌海市", "乌海"),
        ("150400", "赤峰市", "赤峰"),
        ("150500", "通辽市", "通辽"),
        ("150600", "鄂尔多斯市", "鄂尔多斯"),
        ("150700", "呼伦贝尔市", "呼伦贝尔"),
        ("150800", "巴彦淖尔市", "巴彦淖尔"),
        ("150900", "乌兰察布市", "乌兰察布"),
        ("152200", "兴安盟", "兴安"),
        ("152500", "锡林郭勒盟", "锡林郭勒"),
        ("152900", "阿拉善盟", "阿拉善"),
        ("150781", "满洲里市", "满洲里"),
        ("152501", "二连浩特市", "二连浩特"),
    ];

    public static string EducationBureauId(string cityCode) => $"{cityCode}-edu";

    public static string FinanceBureauId(string cityCode) => $"{cityCode}-fin";

    public static string SchoolId(string cityCode, int number) => $"{cityCode}-{number:00}";

    /// <summary>The region, its cities and their bureaus: the real structure, seeded on every new database.</summary>
    public static IEnumerable<Organization> Bureaus()
    {
        var root = $"/{ProvinceId}/";
        yield return new Organization { Id = ProvinceId, Name = "内蒙古自治区人力资源和社会保障厅", Kind = OrganizationKind.Province, Path = root };
        foreach (var (code, name, _) in Cities)
        {
            var path = $"{root}{code}/";
            yield return new Organization { Id = code, Name = name + Organization.HrBureauSuffix, Kind = OrganizationKind.City, ParentId = ProvinceId, Path = path };
            yield return new Organization
            {
                Id = EducationBureauId(code), Name = $"{name}教育局", Kind = OrganizationKind.EducationBureau, ParentId = code,
                Path = $"{path}{EducationBureauId(code)}/",
            };
            yield return new Organization
            {
                Id = FinanceBureauId(code), Name = $"{name}财政局", Kind = OrganizationKind.FinanceBureau, ParentId = code,
                Path = $"{path}{FinanceBureauId(code)}/",
            };
        }
    }

    /// <summary>Sample schools for the demo: two of each type in every league, one of each in the two directly addressed cities.</summary>
    public static IEnumerable<Organization> DemoSchools()
    {
        foreach (var (code, _, shortName) in Cities)
        {
            (string Name, SchoolType Type)[] schools = code is "150781" or "152501"
                ? [($"{shortName}技师学院", SchoolType.TechnicianCollege), ($"{shortName}高级技工学校", SchoolType.SeniorTechnicalSchool), ($"{shortName}技工学校", SchoolType.TechnicalSchool)]
                : [
                    ($"{shortName}技师学院", SchoolType.TechnicianCollege), ($"{shortName}机电技师学院", SchoolType.TechnicianCollege),
                    ($"{shortName}高级技工学校", SchoolType.SeniorTechnicalSchool), ($"{shortName}交通高级技工学校", SchoolType.SeniorTechnicalSchool),
                    ($"{shortName}技工学校", SchoolType.TechnicalSchool), ($"{shortName}建筑技工学校", SchoolType.TechnicalSchool),
                ];
            for (var i = 0; i < schools.Length; i++)
            {
                var id = SchoolId(code, i + 1);
                yield return new Organization
                {
                    Id = id, Name = schools[i].Name, Kind = OrganizationKind.School, SchoolType = schools[i].Type, ParentId = code,
                    Path = $"/{ProvinceId}/{code}/{id}/",
                };
            }
        }
    }
}
