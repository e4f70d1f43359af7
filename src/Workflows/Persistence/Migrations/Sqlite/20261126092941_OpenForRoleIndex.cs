using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Sqlite
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_OpenForRole",
                table: "wf_tasks");
        }
    }
}
