using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Vidsnap.DeploymentTests.Support;

/// <summary>YAML documents as JSON nodes, so tests navigate manifests the way kubectl's JSON output reads.</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();
    private static readonly ISerializer Json = new SerializerBuilder().JsonCompatible().Build();

    public static List<JsonObject> Documents(string yaml)
    {
        var documents = new List<JsonObject>();
        // Merging: docker-compose.yml shares settings between services with YAML merge keys (<<).
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = Deserializer.Deserialize<object?>(parser);
            if (document is not null && JsonNode.Parse(Json.Serialize(document)) is JsonObject node)
            {
                documents.Add(node);
            }
        }

        return documents;
    }

    /// <summary>Scalars come out of YAML as text; this reads one, or null where the path has nothing.</summary>
    public static string? Text(this JsonNode? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => (node as JsonObject)?[key],
                int index => node is JsonArray array && index < array.Count ? array[index] : null,
                _ => null,
            };
        }

        return node?.ToString();
    }
}
