using Microsoft.AspNetCore.Hosting;
using Vidsnap.Host;
using Vidsnap.Platform.Management;

if (HostUsage.Wanted(args))
{
    Console.Out.Write(HostUsage.Text);
    Console.Out.WriteLine();
    return 0;
}

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
var managementPort = builder.Configuration.GetValue($"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)}", ManagementOptions.DefaultPort);
var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
var app = builder.Build();

// After Build: a test's WebApplicationFactory stops the entry point there and serves in memory, binding nothing.
if (BusyPorts.Check(urls, managementPort) is { } busy)
{
    await Console.Error.WriteLineAsync(busy);
    return 2;
}
try
{
    await app.RunVidsnapAsync(roles);
}
catch (IOException ex) when (BusyPorts.PortOf(ex) is { } port)
{
    await Console.Error.WriteLineAsync(BusyPorts.Message(port, managementPort));
    return 2;
}

return 0;

/// <summary>The entry point, visible to functional tests on WebApplicationFactory.</summary>
public partial class Program;
