using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Approvals.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HostSupport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Timers written before alarms existed all resume a Timer node.
            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "wf_timers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Resume");

            migrationBuilder.AddColumn<Guid>(
                name: "TaskId",
                table: "wf_timers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DelegatedToUserId",
                table: "wf_tasks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EscalatedToOrgId",
                table: "wf_tasks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastUrgedAt",
                table: "wf_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverdueAt",
                table: "wf_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerUserId",
                table: "wf_tasks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentTaskId",
                table: "wf_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WaitingForTaskId",
                table: "wf_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "wf_outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RecipientUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecipientOrgId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RecipientRole = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Data = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_outbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_CompletedBy_CompletedAt",
                table: "wf_tasks",
                columns: new[] { "CompletedBy", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_DelegatedToUserId_Status",
                table: "wf_tasks",
                columns: new[] { "DelegatedToUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_EscalatedToOrgId_Status",
                table: "wf_tasks",
                columns: new[] { "EscalatedToOrgId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_instances_InitiatorUserId_CreatedAt",
                table: "wf_instances",
                columns: new[] { "InitiatorUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_outbox_ProcessedAt_Id",
                table: "wf_outbox",
                columns: new[] { "ProcessedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wf_outbox");

            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_CompletedBy_CompletedAt",
                table: "wf_tasks");

            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_DelegatedToUserId_Status",
                table: "wf_tasks");

            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_EscalatedToOrgId_Status",
                table: "wf_tasks");

            migrationBuilder.DropIndex(
                name: "IX_wf_instances_InitiatorUserId_CreatedAt",
                table: "wf_instances");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "wf_timers");

            migrationBuilder.DropColumn(
                name: "TaskId",
                table: "wf_timers");

            migrationBuilder.DropColumn(
                name: "DelegatedToUserId",
                table: "wf_tasks");

            migrationBuilder.DropColumn(
                name: "EscalatedToOrgId",
                table: "wf_tasks");

            migrationBuilder.DropColumn(
                name: "LastUrgedAt",
                table: "wf_tasks");

            migrationBuilder.DropColumn(
                name: "OverdueAt",
                table: "wf_tasks");

            migrationBuilder.DropColumn(
                name: "OwnerUserId",
                table: "wf_tasks");

            migrationBuilder.DropColumn(
                name: "ParentTaskId",
                table: "wf_tasks");

            migrationBuilder.DropColumn(
                name: "WaitingForTaskId",
                table: "wf_tasks");
        }
    }
}
