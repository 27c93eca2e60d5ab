using Vidsnap.Auth;
using Vidsnap.Infrastructure;
using Vidsnap.Infrastructure.Aws;

namespace Vidsnap.Host;

/// <summary>One-shot commands: `vidsnap migrate` (a Kubernetes Job), `vidsnap setup` (bucket and queues), `vidsnap extract` (a local file), `vidsnap rotate-signing-key`.</summary>
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
        builder.AddVidsnapPlatform();
        if (command == RotateSigningKey)
        {
            builder.AddAuthRole();
        }

        await using var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("vidsnap");
        try
        {
            if (command == Migrate)
            {
                await app.Services.MigrateDatabaseAsync();
                logger.LogInformation("Database schema is up to date");
                return 0;
            }

            if (command == RotateSigningKey)
            {
                var kid = await app.Services.GetRequiredService<SigningKeyStore>().RotateAsync(CancellationToken.None);
                logger.LogInformation("Added signing key {Kid}; it signs once the activation delay has passed", kid);
                return 0;
            }

            if (app.Services.GetService<S3ObjectStore>() is { } s3)
            {
                await s3.EnsureBucketAsync(CancellationToken.None);
                logger.LogInformation("Bucket is ready");
            }

            if (app.Services.GetService<SqsMessageQueue>() is { } sqs)
            {
                var visibility = builder.Configuration.GetValue("Consumers:video-jobs:VisibilityTimeoutSeconds", 60);
                await sqs.EnsureQueuesAsync(visibility, CancellationToken.None);
                logger.LogInformation("Queues and dead-letter queues are ready");
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
