// A school's majors are records of the engine's registry (collection "school-majors"), written by the filing,
// warning and withdrawal processes with their steps.
namespace Approvals.Host.Features.Majors;

public static class SchoolMajors
{
    public const string Collection = "school-majors";
    public const string WarningProcess = "major-warning";

    public const string Active = "active";
    public const string Warning = "warning";
    public const string Withdrawn = "withdrawn";
}
