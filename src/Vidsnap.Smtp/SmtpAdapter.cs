using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Options;

namespace Vidsnap.Smtp;

public static class SmtpAdapter
{
    /// <summary>Email through the SMTP server in <see cref="SmtpOptions"/>.</summary>
    public static IHostApplicationBuilder AddSmtpEmail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<SmtpOptions>();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return builder;
    }
}
