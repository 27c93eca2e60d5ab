using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Vidsnap.Platform.Options;

/// <summary>
/// The one way settings are read: an options class bound from its section, checked by its data annotations (and
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> for rules across fields), and checked
/// again when the host starts, so a bad setting stops the process with the setting's name instead of failing later.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/> and returns its values as configured now, validated the same way,
    /// for the few choices made while registering (which adapters, which proxy routes). Registering twice is harmless.
    /// </summary>
    public static TOptions AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder)
        where TOptions : class, IOptionsSection, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration section = TOptions.Section.Length == 0 ? builder.Configuration : builder.Configuration.GetSection(TOptions.Section);
        return builder.Services.AddValidatedOptions<TOptions>(Microsoft.Extensions.Options.Options.DefaultName, section);
    }

    /// <summary>Named options from a section of their own, such as each queue's consumer settings.</summary>
    public static TOptions AddValidatedOptions<TOptions>(this IServiceCollection services, string name, IConfiguration section)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        if (!services.Any(s => s.ServiceType == typeof(Registered<TOptions>) && Equals(s.ImplementationInstance, new Registered<TOptions>(name))))
        {
            services.AddSingleton(new Registered<TOptions>(name));
            services.AddOptions<TOptions>(name).Bind(section).ValidateDataAnnotations().ValidateOnStart();
        }

        var values = section.Get<TOptions>() ?? new TOptions();
        var result = new DataAnnotationValidateOptions<TOptions>(name).Validate(name, values);
        return result.Failed ? throw new OptionsValidationException(name, typeof(TOptions), result.Failures) : values;
    }

    /// <summary>Marks an options class (and name) as registered, so a second registration adds no second validation.</summary>
    private sealed record Registered<TOptions>(string Name);
}
