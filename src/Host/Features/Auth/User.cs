// A person who signs in: one organisation, roles held there (Identity's user-role rows).
using Microsoft.AspNetCore.Identity;

namespace Approvals.Host.Features.Auth;

public sealed class User : IdentityUser
{
    public required string DisplayName { get; set; }

    public required string OrgId { get; set; }
}

/// <summary>The roles of the procedures; a task names one of them at an organisation.</summary>
public static class Roles
{
    public const string SchoolApplicant = "school_applicant";
    public const string CityReviewer = "city_reviewer";
    public const string ProvinceReviewer = "province_reviewer";
    public const string Expert = "expert";
    public const string EducationReviewer = "education_reviewer";
    public const string FinanceOfficer = "finance_officer";
    public const string Administrator = "admin";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [SchoolApplicant] = "学校经办人",
        [CityReviewer] = "盟市审核人",
        [ProvinceReviewer] = "自治区审核人",
        [Expert] = "评审专家",
        [EducationReviewer] = "教育局审核人",
        [FinanceOfficer] = "财政局经办人",
        [Administrator] = "系统管理员",
    };

    /// <summary>Roles that see every case of their organisation's subtree; the others see only cases they work on.</summary>
    public static readonly IReadOnlySet<string> SeeTheirSubtree = new HashSet<string>
    {
        SchoolApplicant, CityReviewer, ProvinceReviewer, Administrator,
    };

    /// <summary>Roles that supervise the level below: overdue tasks there are escalated to them.</summary>
    public static readonly IReadOnlySet<string> Supervisors = new HashSet<string> { CityReviewer, ProvinceReviewer, Administrator };
}
