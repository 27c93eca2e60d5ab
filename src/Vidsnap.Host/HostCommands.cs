using Vidsnap.Auth;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Host;

/// <summary>One-shot commands: `vidsnap migrate` (a Kubernetes Job), `vidsnap setup` (what the adapters provision), `vidsnap extract` (a local file), `vidsnap rotate-signing-key`.</summary>
public static class HostCommands
{
    public const string Migrate = "migrate";
    public const string Setup = "setup";
    public const string Extract = "extract";
    public const string RotateSigningKey = "rotate-signing-key";

    public static string? Find(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && args[0] is Migrate or Setup or Extract or RotateSigningKey ? args[0] : null;
    }

    public static async Task<int> RunAsync(string command, string[] args)
    {
        if (command == Extract)
        {
            return await ExtractCommand.RunAsync(args);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddVidsnapServices();
        if (command == RotateSigningKey)
        {
            builder.AddAuthRole();
        }

        await using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("vidsnap");
        try
        {
            switch (command)
            {
                case Migrate:
                    await app.Services.MigrateDatabaseAsync();
                    logger.LogInformation("Database schema is up to date");
                    break;
                case RotateSigningKey:
                    var kid = await app.Services.GetRequiredService<SigningKeyStore>().RotateAsync(CancellationToken.None);
                    logger.LogInformation("Added signing key {Kid}; it signs once the activation delay has passed", kid);
                    break;
                default:
                    var provisioners = app.Services.GetServices<IProvisioner>().ToList();
                    foreach (var provisioner in provisioners)
                    {
                        await provisioner.ProvisionAsync(CancellationToken.None);
                        logger.LogInformation("{What} ready", provisioner.Provides);
                    }

                    if (provisioners.Count == 0)
                    {
                        logger.LogInformation("Nothing to set up in this mode: its adapters make what they need as they go");
                    }

                    break;
            }

            return 0;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Command} failed", command);
            return 1;
        }
    }
}
