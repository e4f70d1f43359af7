using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DoneListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_CompletedBy_Status_CreatedAt",
                table: "wf_tasks",
                columns: new[] { "CompletedBy", "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_CompletedBy_Status_CreatedAt",
                table: "wf_tasks");
        }
    }
}
