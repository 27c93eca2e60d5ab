using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vidsnap.Platform.ApiDocument;

/// <summary>How an endpoint built from middleware (no route handler) says what it is, so the API document describes it.</summary>
public static class EndpointDescription
{
    /// <summary>Answers only GET, with a text body per status code (content type each); named and summarised as a handler would be.</summary>
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string name, string summary, string description, string tag, params (int Status, string ContentType, string Description)[] responses)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .WithTags(tag);
        foreach (var (status, contentType, text) in responses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(string), [contentType]) { Description = text });
        }

        return builder;
    }
}
