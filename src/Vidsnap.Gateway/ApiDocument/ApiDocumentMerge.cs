using Microsoft.OpenApi;

namespace Vidsnap.Gateway.ApiDocument;

/// <summary>Puts a role's routes into the gateway's document, with the components they refer to.</summary>
internal static class ApiDocumentMerge
{
    /// <summary>
    /// Adds the source's paths that <paramref name="takes"/> says this source answers, never replacing a path the
    /// target has (the gateway's own, such as /health, describe what the gateway itself answers), and every
    /// component and tag of the source the target lacks. Same-named components come from the same code, so the
    /// first one kept is as good as any.
    /// </summary>
    public static void Merge(OpenApiDocument target, OpenApiDocument source, Func<string, bool> takes)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(takes);
        target.Paths ??= [];
        foreach (var (path, item) in source.Paths ?? [])
        {
            if (takes(path))
            {
                target.Paths.TryAdd(path, item);
            }
        }

        if (source.Components is { } from)
        {
            target.Components ??= new OpenApiComponents();
            var into = target.Components;
            into.Schemas = Union(into.Schemas, from.Schemas);
            into.Responses = Union(into.Responses, from.Responses);
            into.Parameters = Union(into.Parameters, from.Parameters);
            into.Examples = Union(into.Examples, from.Examples);
            into.RequestBodies = Union(into.RequestBodies, from.RequestBodies);
            into.Headers = Union(into.Headers, from.Headers);
            into.SecuritySchemes = Union(into.SecuritySchemes, from.SecuritySchemes);
            into.Links = Union(into.Links, from.Links);
            into.Callbacks = Union(into.Callbacks, from.Callbacks);
            into.PathItems = Union(into.PathItems, from.PathItems);
        }

        foreach (var tag in source.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            target.Tags ??= new HashSet<OpenApiTag>();
            if (!target.Tags.Any(t => t.Name == tag.Name))
            {
                target.Tags.Add(tag);
            }
        }

        // Keep the target's workspace able to resolve what it now refers to.
        target.Workspace?.RegisterComponents(target);
    }

    private static Dictionary<string, T>? Union<T>(IDictionary<string, T>? into, IDictionary<string, T>? from)
    {
        if (from is null || from.Count == 0)
        {
            return into is null ? null : new Dictionary<string, T>(into, StringComparer.Ordinal);
        }

        var union = into is null ? new Dictionary<string, T>(StringComparer.Ordinal) : new Dictionary<string, T>(into, StringComparer.Ordinal);
        foreach (var (name, component) in from)
        {
            union.TryAdd(name, component);
        }

        return union;
    }
}
