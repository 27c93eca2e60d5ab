using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Vidsnap.Platform.Hosting;

/// <summary>
/// A body that is not JSON, or not the expected shape, is the client's mistake: 400 with what could not be
/// read, never a 500, in every environment.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Malformed request",
                Detail = bad.InnerException is System.Text.Json.JsonException ? "The request body is not valid JSON of the expected shape." : bad.Message,
            },
        });
    }
}
