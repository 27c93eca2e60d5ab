using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Vidsnap.Platform.Options;

namespace Vidsnap.PostgreSql;

public sealed class PostgreSqlOptions : IOptionsSection
{
    public const string Section = "ConnectionStrings";

    static string IOptionsSection.Section => Section;

    [ConfigurationKeyName("Vidsnap")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "Distributed mode needs the PostgreSQL connection string ConnectionStrings:Vidsnap (ConnectionStrings__Vidsnap).")]
    public string? ConnectionString { get; set; }
}
