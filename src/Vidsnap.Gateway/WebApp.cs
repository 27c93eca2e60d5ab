using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Vidsnap.Gateway;

/// <summary>
/// The web app: static HTML, CSS and ES modules compiled into this assembly, so every way of running the
/// gateway serves the same files and nothing is fetched from elsewhere. No build step: what is in wwwroot/ runs.
/// </summary>
internal static class WebApp
{
    public static IApplicationBuilder UseWebApp(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(WebApp).Assembly, "Vidsnap.Gateway.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            // The files change with the binary; revalidating costs one small request and never serves stale code.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
