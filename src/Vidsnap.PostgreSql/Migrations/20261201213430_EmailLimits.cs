using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidsnap.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class EmailLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "HeldBack",
                table: "SentNotifications");

            migrationBuilder.DropColumn(
                name: "Recipient",
                table: "SentNotifications");
        }
    }
}
