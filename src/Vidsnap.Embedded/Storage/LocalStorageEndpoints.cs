using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Vidsnap.Platform.Hosting;
using Vidsnap.Platform.Storage;

namespace Vidsnap.Embedded.Storage;

/// <summary>
/// The embedded object store's public face: PUT and GET on signed, expiring URLs. The signature covers
/// method, key, expiry, maximum size and download name; anything else is refused.
/// </summary>
internal sealed class LocalStorageEndpoints : IPublicEndpoints
{
    /// <summary>The store keeps no content type per object (S3 does), so a download's comes from its key's extension.</summary>
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public void Map(IEndpointRouteBuilder routes)
    {
        // Not in the API document: clients never build these URLs, they follow the pre-signed ones the api hands out,
        // which point at S3 instead in distributed mode. The document describes those links, not this store.
        var storage = routes.MapGroup(LocalUrlSigner.PathPrefix.TrimEnd('/')).AllowAnonymous().ExcludeFromDescription();
        storage.MapPut("/{**key}", PutAsync);
        storage.MapGet("/{**key}", Get);
    }

    private static async Task<IResult> PutAsync(string key, HttpContext context, LocalUrlSigner signer, LocalObjectStore store)
    {
        var (grant, refusal) = Authorize(key, "PUT", context.Request.Query, signer);
        if (grant is null)
        {
            return refusal!;
        }

        if (context.Request.ContentLength is { } length && length != grant.MaxBytes)
        {
            return length > grant.MaxBytes ? TooLarge(grant.MaxBytes) : WrongSize(grant.MaxBytes, part: grant.Part > 0);
        }

        var bodySize = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = grant.MaxBytes;
        }

        if (grant.Part > 0)
        {
            return await PutPartAsync(key, grant, context, store);
        }

        if (store.ClaimSlot(key) is not { } claim)
        {
            return SlotUsed();
        }

        var stored = false;
        try
        {
            stored = await store.WriteAsync(key, context.Request.Body, grant.MaxBytes, context.RequestAborted, exactly: true);
            return stored ? Results.Ok() : WrongSize(grant.MaxBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(grant.MaxBytes);
        }
        finally
        {
            // Only a whole file uses the slot up: a failed or cut-off upload may be tried again.
            if (stored)
            {
                claim.Consume();
            }
            else
            {
                claim.Release();
            }
        }
    }

    /// <summary>One part of a multipart upload; sent again, it replaces the one before. Answers its ETag, as S3 does.</summary>
    private static async Task<IResult> PutPartAsync(string key, SignedGrant grant, HttpContext context, LocalObjectStore store)
    {
        try
        {
            var written = await store.WritePartAsync(key, grant.Part, context.Request.Body, grant.MaxBytes, context.RequestAborted);
            if (written.Closed)
            {
                return SlotUsed();
            }

            if (written.ETag is null)
            {
                return WrongSize(grant.MaxBytes, part: true);
            }

            context.Response.Headers.ETag = written.ETag;
            return Results.Ok();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(grant.MaxBytes);
        }
    }

    private static IResult SlotUsed() =>
        Results.Problem(title: "Upload slot used", statusCode: StatusCodes.Status409Conflict,
            detail: "This upload URL has already received its file, or its video was deleted; it takes no more. Create a new video to upload another file.");

    private static IResult Get(string key, HttpContext context, LocalUrlSigner signer, LocalObjectStore store)
    {
        var (grant, refusal) = Authorize(key, "GET", context.Request.Query, signer);
        if (grant is null)
        {
            return refusal!;
        }

        if (!File.Exists(store.PathOf(key)))
        {
            return Results.Problem(title: "Object not found", statusCode: StatusCodes.Status404NotFound);
        }

        if (!ContentTypes.TryGetContentType(key, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        return Results.File(store.OpenRead(key), contentType, grant.FileName, enableRangeProcessing: true);
    }

    private static (SignedGrant? Grant, IResult? Refusal) Authorize(string key, string method, IQueryCollection query, LocalUrlSigner signer)
    {
        if (!ObjectKeyFormat.IsWellFormed(key)
            || query["method"] != method
            || !long.TryParse(query["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !long.TryParse(query["max"], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            return (null, Forbidden("The URL is not a valid signed storage URL for this method."));
        }

        var part = 0;
        if (query.ContainsKey("part") && !(int.TryParse(query["part"], NumberStyles.None, CultureInfo.InvariantCulture, out part) && part > 0))
        {
            return (null, Forbidden("The URL is not a valid signed storage URL for this method."));
        }

        var name = query["name"].ToString();
        var grant = new SignedGrant(method, key, expires, max, string.IsNullOrEmpty(name) ? null : name) { Part = part };
        var problem = signer.Validate(grant, query["signature"]);
        return problem is null ? (grant, null) : (null, Forbidden(problem));
    }

    private static IResult Forbidden(string detail) =>
        Results.Problem(title: "Storage access denied", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    private static IResult WrongSize(long size, bool part = false) =>
        Results.Problem(title: "Upload size mismatch", statusCode: StatusCodes.Status400BadRequest,
            detail: part
                ? string.Create(CultureInfo.InvariantCulture, $"This part's URL takes exactly {size} bytes, the part's size in the upload slot. Send the part's whole byte range.")
                : string.Create(CultureInfo.InvariantCulture, $"This upload URL takes exactly {size} bytes, the size declared when the video was created. Send the whole file."));

    private static IResult TooLarge(long max) =>
        Results.Problem(title: "Upload too large", statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: string.Create(CultureInfo.InvariantCulture, $"This upload URL accepts at most {max} bytes: the size declared when the video was created."));
}
