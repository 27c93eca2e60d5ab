using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Options;

namespace Vidsnap.Platform.Secrets;

public static class SecretsRegistration
{
    /// <summary>
    /// The master key from Secrets:MasterKey, required: processes of one installation run on different machines
    /// and must share it, so none may make up its own.
    /// </summary>
    public static IHostApplicationBuilder AddConfiguredMasterKey(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddValidatedOptions<SecretsOptions>();
        if (string.IsNullOrEmpty(options.MasterKey))
        {
            throw new OptionsValidationException(SecretsOptions.Section, typeof(SecretsOptions),
                [$"Distributed mode needs {SecretsOptions.Section}:{nameof(SecretsOptions.MasterKey)} ({SecretsOptions.Section}__{nameof(SecretsOptions.MasterKey)}), the same on every process: 32 random bytes in base64 (openssl rand -base64 32), kept in a secret."]);
        }

        builder.Services.AddSingleton(new MasterKey(Convert.FromBase64String(options.MasterKey)));
        return builder;
    }
}
