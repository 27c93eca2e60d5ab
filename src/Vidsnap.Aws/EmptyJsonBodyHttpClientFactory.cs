using System.Net.Http.Headers;
using Amazon.Runtime;

namespace Vidsnap.Aws;

/// <summary>
/// Some SQS-compatible servers answer JSON-protocol calls (DeleteMessage, ChangeMessageVisibility) with an
/// empty body, which AWSSDK.SQS v4 cannot parse; AWS itself sends "{}". This gives the SDK "{}" instead.
/// Used only with a custom endpoint.
/// </summary>
public sealed class EmptyJsonBodyHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new EmptyBodyHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class EmptyBodyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var isJsonProtocol = request.Content?.Headers.ContentType?.MediaType?.StartsWith("application/x-amz-json", StringComparison.Ordinal) == true;
            if (isJsonProtocol && response.IsSuccessStatusCode && response.Content.Headers.ContentLength is null or 0)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (body.Length == 0)
                {
                    response.Content.Dispose();
                    response.Content = new ByteArrayContent("{}"u8.ToArray());
                    response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
                }
                else
                {
                    var copy = new ByteArrayContent(body);
                    foreach (var header in response.Content.Headers)
                    {
                        copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }

                    response.Content.Dispose();
                    response.Content = copy;
                }
            }

            return response;
        }
    }
}
