using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidsnap.Embedded.Data.Migrations
{
    /// <inheritdoc />
    public partial class UploadExpiresAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "UploadExpiresAt",
                table: "Videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Videos_UploadExpiresAt",
                table: "Videos",
                column: "UploadExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Videos_UploadExpiresAt",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "UploadExpiresAt",
                table: "Videos");
        }
    }
}
