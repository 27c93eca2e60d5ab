using Vidsnap.Aws;
using Vidsnap.Embedded;
using Vidsnap.Platform.Egress;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Secrets;
using Vidsnap.Platform.Options;
using Vidsnap.PostgreSql;
using Vidsnap.Smtp;

namespace Vidsnap.Host;

/// <summary>
/// The one place that knows which mode runs: it picks the adapter sets behind the seams, and each set
/// registers what it can do (the storage origins the web app may reach, the routes the gateway serves, what
/// `vidsnap setup` provisions, what must run before the roles start). Nothing above the seams asks.
/// </summary>
internal static class ModeAdapters
{
    /// <param name="database">False for a process whose roles never touch the database: it then needs neither the
    /// connection string nor the master key (which only encrypts the key ring kept in the database).</param>
    public static void AddModeAdapters(this WebApplicationBuilder builder, VidsnapOptions options, bool database)
    {
        if (options.IsDistributed)
        {
            if (database)
            {
                builder.AddPostgreSqlDatabase();
                builder.AddConfiguredMasterKey();
            }

            builder.AddS3ObjectStore();
            builder.AddSqsQueues();
            builder.Services.AddSingleton(new EgressPolicy(AllowPrivateNetworks: false));
        }
        else
        {
            // The embedded queues live in the SQLite database, so every embedded process opens it.
            builder.AddSqliteDatabaseAndQueues();
            builder.AddLocalObjectStore();
            if (database)
            {
                builder.AddMasterKeyFile();
            }

            // One person's own machine: their receivers run beside it, on loopback, over plain http.
            builder.Services.AddSingleton(new EgressPolicy(AllowPrivateNetworks: true));
        }

        // Email is SMTP whenever a server is configured (SES's SMTP interface on AWS), in either mode; files otherwise.
        if (builder.AddValidatedOptions<SmtpOptions>().IsConfigured)
        {
            builder.AddSmtpEmail();
        }
        else
        {
            builder.AddMailFiles();
        }
    }
}
