using Microsoft.Playwright;

namespace Vidsnap.BrowserTests;

/// <summary>The interactive reference at /docs in a real browser: it renders the whole contract from this origin alone, within its policy.</summary>
public sealed class ApiReferenceTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_reference_renders_every_role_s_operations_from_this_origin_alone_with_no_error_or_policy_violation()
    {
        await using var browser = await fixture.NewSessionAsync(width: 1400, height: 1000);
        var page = browser.Page;
        var requests = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        // Counted by the page itself as well as from the console, so a violation reported either way fails the test.
        await page.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);

        var response = await page.GotoAsync("/docs");
        Assert.NotNull(response);
        Assert.True(response.Ok, $"/docs: {response.Status}");
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9_-]{20,}';", policy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);

        // Operations of every role: auth, keys (auth), videos (api), the gateway's own liveness (readiness is on the management port).
        foreach (var summary in new[] { "Sign in", "Create an API key", "Create a video and its upload slot", "Link to the zip of frames", "Liveness" })
        {
            await page.GetByText(summary, new() { Exact = true }).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        await Assertions.Expect(page.GetByText("Vidsnap", new() { Exact = true }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("api-reference", fullPage: false);

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.cspViolations"));
        lock (browser.Errors)
        {
            Assert.True(browser.Errors.Count == 0, string.Join('\n', browser.Errors));
        }

        var origin = fixture.BaseAddress.GetLeftPart(UriPartial.Authority);
        lock (requests)
        {
            Assert.Contains(requests, r => r.StartsWith($"{origin}/openapi/v1.json", StringComparison.Ordinal));
            var elsewhere = requests.Where(r => !r.StartsWith(origin + "/", StringComparison.Ordinal)).ToList();
            Assert.True(elsewhere.Count == 0, "Requests to another origin:\n" + string.Join('\n', elsewhere));
        }
    }
}
