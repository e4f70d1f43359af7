// What an administrator may change in the tree: schools and the education and finance bureaus, each under a city
// (a city holds at most one bureau of each kind, since a process asks the city for "its" bureau); the province and
// the cities are the region's fixed structure, seeded with the database.
using System.Text.RegularExpressions;
using Approvals.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

internal static partial class OrganizationRules
{
    public static readonly IReadOnlyList<OrganizationKind> AddableKinds =
        [OrganizationKind.School, OrganizationKind.EducationBureau, OrganizationKind.FinanceBureau];

    public const string IdMessage = "“机构编号”只能由数字、字母和连字符组成，不超过 32 个字符，例如 150100-07。";

    public static readonly string KindMessage =
        $"“机构类别”只能是 {string.Join("、", AddableKinds.Select(k => $"{k}（{Organization.KindName(k)}）"))} 之一。";

    public static readonly string SchoolTypeMessage =
        $"“办学类型”只能是 {string.Join("、", Enum.GetValues<SchoolType>().Select(t => $"{t}（{Organization.SchoolTypeName(t)}）"))} 之一。";

    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>By name only: Enum.TryParse would also take "2".</summary>
    public static OrganizationKind? Kind(string? text) =>
        AddableKinds.Where(k => k.ToString() == text).Select(k => (OrganizationKind?)k).FirstOrDefault();

    public static SchoolType? ParseSchoolType(string? text) =>
        Enum.GetValues<SchoolType>().Where(t => t.ToString() == text).Select(t => (SchoolType?)t).FirstOrDefault();

    /// <summary>Another organisation of the same parent already has the name: two schools of one name confuse every list.</summary>
    public static Task<bool> NameTakenAsync(ApprovalsDb db, string? parentId, string name, string? exceptId, CancellationToken cancellationToken) =>
        db.Organizations.AnyAsync(o => o.ParentId == parentId && o.Name == name && o.Id != exceptId, cancellationToken);

    public static string NameTakenMessage(string name) => $"同一上级机构下已有名为“{name}”的机构。";

    [GeneratedRegex("^[0-9A-Za-z-]{1,32}$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
