using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    JournalWatermark = table.Column<long>(type: "bigint", nullable: false),
                    Cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    LastRunAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastRunChecked = table.Column<int>(type: "integer", nullable: false),
                    CheckedThisRound = table.Column<long>(type: "bigint", nullable: false),
                    RoundsCompleted = table.Column<int>(type: "integer", nullable: false),
                    LastRoundCompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_journal_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wf_journal_breaks",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: true),
                    Problem = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
