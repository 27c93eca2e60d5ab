using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidsnap.Embedded.Data.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Videos from before retention keep the defaults' promise rather than expiring the moment they finish.
            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "Videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FinishedAt",
                table: "Videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OutputBytes",
                table: "Videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutputRetentionDays",
                table: "Videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<long>(
                name: "SourceDeletedAt",
                table: "Videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SourceExpiresAt",
                table: "Videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceRetentionDays",
                table: "Videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.CreateIndex(
                name: "IX_Videos_ExpiresAt",
                table: "Videos",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Videos_SourceExpiresAt",
                table: "Videos",
                column: "SourceExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Videos_ExpiresAt",
                table: "Videos");

            migrationBuilder.DropIndex(
                name: "IX_Videos_SourceExpiresAt",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "FinishedAt",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "OutputBytes",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "OutputRetentionDays",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "SourceDeletedAt",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "SourceExpiresAt",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "SourceRetentionDays",
                table: "Videos");
        }
    }
}
