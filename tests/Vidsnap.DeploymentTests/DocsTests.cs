using System.Reflection;
using Microsoft.Extensions.Configuration;
using Vidsnap.Host;
using Vidsnap.Testing;

namespace Vidsnap.DeploymentTests;

public sealed class DocsTests
{
    /// <summary>
    /// The deployment guide lists every setting the application binds: each options class names its
    /// configuration section in a Section constant, and each settable property is a key under it.
    /// </summary>
    [Fact]
    public void The_deployment_guide_lists_every_setting_of_every_options_class()
    {
        var guide = File.ReadAllText(Repository.PathOf("docs/deploy.md"));
        var keys = VidsnapAssemblies().SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null && t.Type.Name.EndsWith("Options", StringComparison.Ordinal))
            .SelectMany(t => t.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => Key(t.Section!, p)))
            .ToList();
        Assert.True(keys.Count > 40, $"Only {keys.Count} settings found; is the reflection still finding the options classes?");
        var missing = keys.Where(k => !guide.Contains(k, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/deploy.md does not mention: {string.Join(", ", missing)}");
    }

    /// <summary>The setting as an environment variable: Section__Key, or the bare standard name (AWS_REGION) a key name gives.</summary>
    private static string Key(string section, PropertyInfo property)
    {
        var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
        return section.Length == 0 ? name : $"{section.Replace(":", "__", StringComparison.Ordinal)}__{name}";
    }

    /// <summary>The host and every Vidsnap assembly it depends on, directly or not.</summary>
    private static List<Assembly> VidsnapAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(RoleSet).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Vidsnap.", StringComparison.Ordinal)))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return [.. found.Values];
    }
}
