using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Api;

/// <summary>Makes storage URLs absolute: S3's already are; the embedded store's are relative to the gateway.</summary>
public sealed class PublicUrls(IOptions<VidsnapOptions> options)
{
    public string Absolute(HttpRequest request, string url)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return url;
        }

        var configured = options.Value.PublicBaseUrl;
        var baseUrl = string.IsNullOrEmpty(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
        return baseUrl + url;
    }
}
