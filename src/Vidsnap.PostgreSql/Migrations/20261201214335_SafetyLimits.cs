using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidsnap.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SafetyLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Resends",
                table: "Videos",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HeldBack",
                table: "SentNotifications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recipient",
                table: "SentNotifications",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SentNotifications_Recipient_SentAt",
                table: "SentNotifications",
                columns: new[] { "Recipient", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SentNotifications_Recipient_SentAt",
                table: "SentNotifications");

            migrationBuilder.DropColumn(
                name: "Resends",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "HeldBack",
                table: "SentNotifications");

            migrationBuilder.DropColumn(
                name: "Recipient",
                table: "SentNotifications");
        }
    }
}
