using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JournalAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wf_journal_audit",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    JournalWatermark = table.Column<long>(type: "INTEGER", nullable: false),
                    Cursor = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRunChecked = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedThisRound = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundsCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRoundCompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_journal_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wf_journal_breaks",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_journal_breaks", x => x.InstanceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_wf_journal_breaks_DetectedAt",
                table: "wf_journal_breaks",
                column: "DetectedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wf_journal_audit");

            migrationBuilder.DropTable(
                name: "wf_journal_breaks");
        }
    }
}
