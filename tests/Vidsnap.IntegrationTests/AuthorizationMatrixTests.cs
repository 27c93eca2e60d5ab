using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.AccessTokens;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>
/// Every /api route the app maps, as it lists them itself (so a route added later is covered), against every
/// kind of caller: nobody, a person, a key without the route's scope, a key with only that scope.
/// </summary>
public sealed class AuthorizationMatrixTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public void Every_api_route_declares_the_scope_the_gateway_checks_for_it()
    {
        var routes = ApiRoutes().ToList();
        Assert.True(routes.Count >= 15, string.Join(", ", routes.Select(r => $"{r.Method} {r.Pattern}")));
        Assert.Contains(routes, r => r.Method == "GET" && r.Pattern == "/api/videos/{id:guid}/frames" && r.Scope == Scopes.VideosRead);
        Assert.Contains(routes, r => r.Method == "GET" && r.Pattern == "/api/limits" && r.Scope == Scopes.VideosRead);
        Assert.Contains(routes, r => r.Method == "POST" && r.Pattern == "/api/videos/{id:guid}/retry" && r.Scope == Scopes.VideosWrite);
        Assert.All(routes, route =>
        {
            Assert.NotNull(route.Scope);
            Assert.Equal(RouteScopes.For(route.Method, Sample(route.Pattern)), route.Scope);
        });
    }

    [Fact]
    public async Task Each_route_refuses_nobody_and_keys_without_its_scope_and_lets_its_scope_through()
    {
        using var person = await app.SignedInAsync();
        using var anonymous = app.Anonymous();
        var keys = new Dictionary<string, ApiClient>();
        foreach (var scope in Scopes.ForKeys)
        {
            keys[scope] = person.WithApiKey(await person.CreateApiKeyAsync(scope));
        }

        try
        {
            // Deleting the account (a person's only) ends the person and their keys, so it is tried last.
            foreach (var route in ApiRoutes().OrderBy(r => r.Method == "DELETE" && r.Pattern == "/api/me"))
            {
                var path = Sample(route.Pattern);
                using (var nobody = await SendAsync(anonymous, route.Method, path))
                {
                    Assert.True(nobody.StatusCode == HttpStatusCode.Unauthorized, $"{route.Method} {path} without credentials: {nobody.StatusCode}");
                }

                using (var asPerson = await SendAsync(person, route.Method, path))
                {
                    Assert.True(asPerson.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Method} {path} as a person: {asPerson.StatusCode}");
                }

                foreach (var (scope, key) in keys)
                {
                    using var response = await SendAsync(key, route.Method, path);
                    if (scope == route.Scope)
                    {
                        Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Method} {path} with {scope}: {response.StatusCode}");
                    }
                    else
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Method} {path} with {scope}: {response.StatusCode}");
                        Assert.Equal(route.Scope, (await ApiClient.Json(response))["missingScope"]!.GetValue<string>());
                    }
                }
            }
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>
    /// The /auth routes that act on the signed-in account (changing its password, ending its sessions) declare a
    /// person's scope: an API key, whatever its scopes, must not be able to take the account over.
    /// </summary>
    [Fact]
    public async Task Each_auth_route_with_a_scope_refuses_nobody_and_every_key_and_lets_a_person_through()
    {
        var routes = RoutesUnder("/auth/").Where(r => r.Scope is not null).ToList();
        Assert.Contains(routes, r => r.Method == "POST" && r.Pattern == "/auth/password" && r.Scope == Scopes.AccountManage);
        Assert.Contains(routes, r => r.Method == "POST" && r.Pattern == "/auth/sign-out-everywhere" && r.Scope == Scopes.AccountManage);
        Assert.All(routes, r => Assert.DoesNotContain(r.Scope, Scopes.ForKeys));
        Assert.DoesNotContain(RoutesUnder("/auth/"), r => r.Pattern.StartsWith("/auth/password-reset", StringComparison.Ordinal) && r.Scope is not null);

        using var person = await app.SignedInAsync();
        using var anonymous = app.Anonymous();
        var keys = new List<ApiClient>();
        foreach (var scope in Scopes.ForKeys)
        {
            keys.Add(person.WithApiKey(await person.CreateApiKeyAsync(scope)));
        }

        try
        {
            foreach (var route in routes)
            {
                using (var nobody = await SendAsync(anonymous, route.Method, route.Pattern))
                {
                    Assert.True(nobody.StatusCode == HttpStatusCode.Unauthorized, $"{route.Method} {route.Pattern} without credentials: {nobody.StatusCode}");
                }

                foreach (var key in keys)
                {
                    using var response = await SendAsync(key, route.Method, route.Pattern);
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Method} {route.Pattern} with a key: {response.StatusCode}");
                    Assert.Equal(route.Scope, (await ApiClient.Json(response))["missingScope"]!.GetValue<string>());
                }

                using var asPerson = await SendAsync(person, route.Method, route.Pattern);
                Assert.True(asPerson.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{route.Method} {route.Pattern} as a person: {asPerson.StatusCode}");
            }
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        // Headers only: an event stream that was let through answers 200 and then never ends.
        return await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>A concrete path for a route pattern: an unknown id for every parameter.</summary>
    private static string Sample(string pattern) => string.Join('/', pattern.Split('/').Select(segment =>
        !segment.StartsWith('{') ? segment : segment.Contains(":guid", StringComparison.Ordinal) || segment.Contains("id", StringComparison.OrdinalIgnoreCase) && !segment.Contains("deliveryId", StringComparison.Ordinal)
            ? Guid.NewGuid().ToString()
            : "msg_0"));

    private IEnumerable<(string Method, string Pattern, string? Scope)> ApiRoutes() => RoutesUnder("/api/");

    private IEnumerable<(string Method, string Pattern, string? Scope)> RoutesUnder(string prefix) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (
                m,
                e.RoutePattern.RawText!,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null && Scopes.ForPeople.Contains(p)))));
}
