// The shipped reference lists (definitions/lists/*.json): a list that does not exist yet is created from its file at
// start-up; one that exists is the administrators' and is left as they keep it.
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.ReferenceData;

public sealed record ReferenceListFile(string Id, string Name, string? Description, IReadOnlyList<ReferenceListFile.Item> Items)
{
    public sealed record Item(string Code, string Name, JsonObject? Data);

    /// <summary>Creates each list of the folder that the database does not have; answers the ids created.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(WorkflowDbContext db, string folder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var created = new List<string>();
        if (!Directory.Exists(folder))
        {
            return created;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var list = await JsonSerializer.DeserializeAsync<ReferenceListFile>(stream, DefinitionJson.Options, cancellationToken)
                       ?? throw new InvalidDataException($"{Path.GetFileName(file)} 是空文件。");
            if (await db.ReferenceLists.AnyAsync(l => l.Id == list.Id, cancellationToken))
            {
                continue;
            }

            db.ReferenceLists.Add(new ReferenceList
            {
                Id = list.Id, Name = list.Name, Description = list.Description, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = "系统加载",
            });
            db.ReferenceItems.AddRange(list.Items.Select((item, i) => new ReferenceItem
            {
                ListId = list.Id, Code = item.Code, Name = item.Name, Data = (item.Data ?? []).ToJsonString(), SortOrder = (i + 1) * 10,
            }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                created.Add(list.Id);
            }
            catch (DbUpdateException)
            {
                // Another node starting at the same moment created it first.
                db.ChangeTracker.Clear();
            }
        }

        return created;
    }
}
