// The organisation tree: province → cities (leagues) → schools, with bureaus under a city.
namespace Approvals.Host.Features.Organizations;

public enum OrganizationKind
{
    Province,
    City,
    School,
    EducationBureau,
    FinanceBureau,
}

public enum SchoolType
{
    TechnicianCollege,
    SeniorTechnicalSchool,
    TechnicalSchool,
}

public sealed class Organization
{
    /// <summary>How a city's organisation is named: the area followed by this.</summary>
    public const string HrBureauSuffix = "人力资源和社会保障局";

    public required string Id { get; set; }

    public required string Name { get; set; }

    public OrganizationKind Kind { get; set; }

    public SchoolType? SchoolType { get; set; }

    public string? ParentId { get; set; }

    /// <summary>"/150000/150100/150100-01/": the ids from the root down, so a subtree is one indexed prefix query.</summary>
    public required string Path { get; set; }

    public static string KindName(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Province => "自治区人社厅",
        OrganizationKind.City => "盟市人社局",
        OrganizationKind.School => "技工院校",
        OrganizationKind.EducationBureau => "教育局",
        OrganizationKind.FinanceBureau => "财政局",
        _ => kind.ToString(),
    };

    /// <summary>The area a city's HR bureau serves, as lists name it: 呼和浩特市人力资源和社会保障局 → 呼和浩特市.</summary>
    public static string AreaName(Organization city) =>
        city.Name.EndsWith(HrBureauSuffix, StringComparison.Ordinal) ? city.Name[..^HrBureauSuffix.Length] : city.Name;

    public static string SchoolTypeName(SchoolType type) => type switch
    {
        Organizations.SchoolType.TechnicianCollege => "技师学院",
        Organizations.SchoolType.SeniorTechnicalSchool => "高级技工学校",
        Organizations.SchoolType.TechnicalSchool => "技工学校",
        _ => type.ToString(),
    };
}
