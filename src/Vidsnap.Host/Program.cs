using Vidsnap.Host;

if (HostCommands.Find(args) is { } command)
{
    return await HostCommands.RunAsync(command, args[1..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = RoleSet.NormalizeArguments(args),
    ContentRootPath = AppContext.BaseDirectory,
});
var roles = builder.AddVidsnap();
var app = builder.Build();
await app.RunVidsnapAsync(roles);
return 0;

/// <summary>The entry point, visible to functional tests on WebApplicationFactory.</summary>
public partial class Program;
