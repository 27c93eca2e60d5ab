using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Storage;

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

    /// <summary>The slot with its URL, or each part's, made absolute.</summary>
    public UploadSlot Absolute(HttpRequest request, UploadSlot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return slot with
        {
            Url = slot.Url is null ? null : Absolute(request, slot.Url),
            Parts = slot.Parts?.Select(p => p with { Url = Absolute(request, p.Url) }).ToList(),
        };
    }
}
