using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenForRoleIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_OpenForRole",
                table: "wf_tasks",
                columns: new[] { "AssigneeOrgId", "AssigneeRole", "CreatedAt", "Id" },
                filter: "\"Status\" = 'Open' AND \"DelegatedToUserId\" IS NULL AND \"AssigneeUserId\" IS NULL");

            // An organisation's tasks all wait for its own roles (the province's for province reviewers): without
            // knowing that, the planner took the two conditions as independent, expected a fourteenth of the province's
            // open tasks and sorted all of them instead of reading the first page in order.
            migrationBuilder.Sql("CREATE STATISTICS IF NOT EXISTS wf_tasks_org_role (dependencies, mcv) ON \"AssigneeOrgId\", \"AssigneeRole\" FROM wf_tasks;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP STATISTICS IF EXISTS wf_tasks_org_role;");

            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_OpenForRole",
                table: "wf_tasks");
        }
    }
}
