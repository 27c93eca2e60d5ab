using System.Reflection;

namespace Vidsnap.Platform.Data;

/// <summary>
/// An assembly whose <c>IEntityTypeConfiguration</c> classes map the tables its module owns. The one database
/// is every registered module's tables: each role's code sees its own entity types, not everyone's.
/// </summary>
public sealed record TableMappings(Assembly Assembly)
{
    public static TableMappings Of<TMarker>() => new(typeof(TMarker).Assembly);
}
