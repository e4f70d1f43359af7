// Who the seeded cases belong to: the organisations and demo users the Host created on the database, the published
// major-addition-filing definition, and the extra reviewers and applicants the seed adds so that work spreads over
// several people at every organisation (a province of twenty reviewers, a city of five, a school of three applicants).
using System.Data.Common;
using System.Globalization;

namespace Approvals.Bench.Scale;

internal sealed record SeedOrganization(string Id, string Name, string? ParentId);

internal sealed class SeedDirectory
{
    public const string DefinitionId = "major-addition-filing";
    public const string ProvinceRole = "province_reviewer";
    public const string CityRole = "city_reviewer";
    public const string ApplicantRole = "school_applicant";

    private const int ProvinceReviewers = 20;
    private const int CityReviewers = 5;
    private const int SchoolApplicants = 3;

    public required string ProvinceId { get; init; }

    public required IReadOnlyList<SeedOrganization> Schools { get; init; }

    /// <summary>User ids by organisation id: the reviewers of the province and every city, the applicants of every school.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> People { get; init; }

    /// <summary>Demo user name → id (school, hohhot, province …).</summary>
    public required IReadOnlyDictionary<string, string> DemoUsers { get; init; }

    public required long DefinitionRecordId { get; init; }

    public required int DefinitionVersion { get; init; }

    public int AddedUsers { get; init; }

    /// <summary>Reads what the Host seeded and adds the extra people, so every organisation has its full complement.</summary>
    public static async Task<SeedDirectory> PrepareAsync(DbConnection connection)
    {
        var organizations = new List<(SeedOrganization Org, string Kind)>();
        await foreach (var row in QueryAsync(connection, "SELECT \"Id\", \"Name\", \"ParentId\", \"Kind\" FROM app_organizations ORDER BY \"Id\""))
        {
            organizations.Add((new SeedOrganization(row[0]!, row[1]!, row[2]), row[3]!));
        }

        var roles = new Dictionary<string, string>();
        await foreach (var row in QueryAsync(connection, "SELECT \"Name\", \"Id\" FROM app_roles"))
        {
            roles[row[0]!] = row[1]!;
        }

        var people = new Dictionary<string, List<string>>();
        var demo = new Dictionary<string, string>();
        await foreach (var row in QueryAsync(connection,
            "SELECT u.\"Id\", u.\"UserName\", u.\"OrgId\", r.\"Name\" FROM app_users u JOIN app_user_roles ur ON ur.\"UserId\" = u.\"Id\" JOIN app_roles r ON r.\"Id\" = ur.\"RoleId\" ORDER BY u.\"UserName\""))
        {
            demo[row[1]!] = row[0]!;
            if (row[3] is ProvinceRole or CityRole or ApplicantRole)
            {
                Add(people, row[2]!, row[0]!);
            }
        }

        var province = organizations.Single(o => o.Kind == "Province").Org;
        var cities = organizations.Where(o => o.Kind == "City").Select(o => o.Org).ToArray();
        var schools = organizations.Where(o => o.Kind == "School").Select(o => o.Org).ToArray();
        if (schools.Length == 0)
        {
            throw new InvalidOperationException("The database has no schools: start the Host with Approvals:DemoData=true first.");
        }

        var added = 0;
        foreach (var (org, role, count) in new[] { (province, ProvinceRole, ProvinceReviewers) }
                     .Concat(cities.Select(c => (c, CityRole, CityReviewers)))
                     .Concat(schools.Select(s => (s, ApplicantRole, SchoolApplicants))))
        {
            for (var n = people.GetValueOrDefault(org.Id)?.Count ?? 0; n < count; n++)
            {
                var id = $"seed-{org.Id}-{n + 1}";
                await AddUserAsync(connection, id, org, roles[role]);
                Add(people, org.Id, id);
                added++;
            }
        }

        long recordId = 0;
        var version = 0;
        await foreach (var row in QueryAsync(connection,
            $"SELECT \"Id\", \"Version\" FROM wf_definitions WHERE \"DefinitionId\" = '{DefinitionId}' ORDER BY \"Version\" DESC LIMIT 1"))
        {
            recordId = long.Parse(row[0]!, CultureInfo.InvariantCulture);
            version = int.Parse(row[1]!, CultureInfo.InvariantCulture);
        }

        if (recordId == 0)
        {
            throw new InvalidOperationException($"{DefinitionId} is not published: the Host publishes definitions/ on start.");
        }

        return new SeedDirectory
        {
            ProvinceId = province.Id, Schools = schools, DemoUsers = demo, DefinitionRecordId = recordId, DefinitionVersion = version,
            People = people.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), AddedUsers = added,
        };
    }

    private static void Add(Dictionary<string, List<string>> people, string orgId, string userId)
    {
        if (!people.TryGetValue(orgId, out var list))
        {
            people[orgId] = list = [];
        }

        list.Add(userId);
    }

    /// <summary>A person with no password (nobody signs in as them): enough for names in lists and for 已办.</summary>
    private static async Task AddUserAsync(DbConnection connection, string id, SeedOrganization org, string roleId)
    {
        await using var user = connection.CreateCommand();
        user.CommandText = "INSERT INTO app_users (\"Id\", \"DisplayName\", \"OrgId\", \"UserName\", \"NormalizedUserName\", \"EmailConfirmed\", "
            + "\"SecurityStamp\", \"ConcurrencyStamp\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\") "
            + "VALUES (@id, @name, @org, @id, @normalized, FALSE, @stamp, @stamp, FALSE, FALSE, TRUE, 0)";
        Parameter(user, "@id", id);
        Parameter(user, "@name", $"{org.Name[..Math.Min(org.Name.Length, 40)]}{id[^1..]}号");
        Parameter(user, "@org", org.Id);
        Parameter(user, "@normalized", id.ToUpperInvariant());
        Parameter(user, "@stamp", Guid.NewGuid().ToString());
        await user.ExecuteNonQueryAsync();

        await using var role = connection.CreateCommand();
        role.CommandText = "INSERT INTO app_user_roles (\"UserId\", \"RoleId\") VALUES (@id, @role)";
        Parameter(role, "@id", id);
        Parameter(role, "@role", roleId);
        await role.ExecuteNonQueryAsync();
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Each row's values as invariant text.</summary>
    private static async IAsyncEnumerable<string?[]> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            yield return row;
        }
    }
}
