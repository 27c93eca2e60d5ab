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
    public static void AddModeAdapters(this WebApplicationBuilder builder, VidsnapOptions options)
    {
        if (options.IsDistributed)
        {
            builder.AddPostgreSqlDatabase();
            builder.AddS3ObjectStore();
            builder.AddSqsQueues();
            builder.AddConfiguredMasterKey();
            builder.Services.AddSingleton(new EgressPolicy(AllowPrivateNetworks: false));
        }
        else
        {
            builder.AddSqliteDatabaseAndQueues();
            builder.AddLocalObjectStore();
            builder.AddMasterKeyFile();

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
