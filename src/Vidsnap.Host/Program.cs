using Vidsnap.Host;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = RoleSet.NormalizeArguments(args),
    ContentRootPath = AppContext.BaseDirectory,
});
var roles = builder.AddVidsnap();
var app = builder.Build();
await app.RunVidsnapAsync(roles);

/// <summary>The entry point, visible to functional tests on WebApplicationFactory.</summary>
public partial class Program;
