using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vidsnap.Testing;

namespace Vidsnap.BrowserTests;

/// <summary>How the web app looks: light and dark, on a phone, its icons, errors said once, and a quiet signed-out load.</summary>
public sealed partial class LookAndFeelTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Colours = """
        () => {
          const style = selector => getComputedStyle(document.querySelector(selector));
          return [style('body').backgroundColor, style('body').color, style('.card').backgroundColor, style('.hint').color];
        }
        """;

    private const string NoSidewaysScroll = "() => document.documentElement.scrollWidth <= window.innerWidth";

    /// <summary>Visible controls shorter than 40 px, by what they say, for the failure message; a checkbox is tapped by its label.</summary>
    private const string SmallTapTargets = """
        () => [...document.querySelectorAll('button, select, textarea, input:not([type=hidden]), summary, .bar a')]
          .filter(e => e.getClientRects().length > 0)
          .map(e => e.matches('[type=checkbox], [type=radio]') ? e.closest('label') || e : e)
          .filter(e => e.getBoundingClientRect().height < 40)
          .map(e => `${e.tagName} "${e.textContent.trim() || e.id}" ${Math.round(e.getBoundingClientRect().height)}px`)
        """;

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_page_follows_the_system_colour_scheme_with_readable_text(ColorScheme scheme)
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await page.GotoAsync("/#/signup");
        await Expect.Heading(page, "Create your account");

        var colours = (await page.EvaluateAsync<string[]>(Colours)).Select(Luminance).ToArray();
        var (background, text, card, muted) = (colours[0], colours[1], colours[2], colours[3]);
        if (scheme == ColorScheme.Dark)
        {
            Assert.True(background < 0.05, $"Dark background has luminance {background:F3}.");
            Assert.True(text > 0.6, $"Dark text has luminance {text:F3}.");
            Assert.True(card < 0.1, $"Dark card has luminance {card:F3}.");
        }
        else
        {
            Assert.True(background > 0.8, $"Light background has luminance {background:F3}.");
            Assert.True(text < 0.05, $"Light text has luminance {text:F3}.");
            Assert.True(card > 0.9, $"Light card has luminance {card:F3}.");
        }

        // WCAG AA: body text well above 4.5:1, and muted hints still at least 4.5:1 on the card.
        Assert.True(Contrast(text, background) >= 7, $"Text on background: {Contrast(text, background):F1}:1.");
        Assert.True(Contrast(muted, card) >= 4.5, $"Hint on card: {Contrast(muted, card):F1}:1.");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_phone_screen_never_scrolls_sideways_and_every_control_is_at_least_40_px_tall()
    {
        await using var browser = await fixture.NewSessionAsync(width: 375, height: 740);
        var page = browser.Page;

        await page.GotoAsync("/#/signin");
        await Expect.Heading(page, "Sign in");
        await AssertFitsAsync(page, "sign-in");
        await page.GotoAsync("/#/signup");
        await Expect.Heading(page, "Create your account");
        await AssertFitsAsync(page, "sign-up");

        await browser.SignUpAsync();
        await AssertFitsAsync(page, "my videos");

        // The header wraps onto its own lines: every part of it inside the screen.
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.bar .brand, #who, #account-link, #sign-out')]
              .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; })
              .map(e => e.id || e.className)
            """);
        Assert.Empty(outside);

        // A video with a long unbroken name, straight from the API: its page must wrap the name, not the screen.
        var name = new string('x', 120) + ".mp4";
        var id = await page.EvaluateAsync<string>(
            "name => import('/api.js').then(api => api.videos.create({ fileName: name, contentType: 'video/mp4', sizeBytes: 1000 })).then(v => v.id)",
            name);
        await page.GotoAsync($"/#/videos/{id}");
        await Expect.Heading(page, name);
        await AssertFitsAsync(page, "a video");

        await page.GotoAsync("/#/account");
        await Expect.Heading(page, "Your account");
        await Assertions.Expect(page.Locator("#usage")).ToBeVisibleAsync();
        await AssertFitsAsync(page, "account");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_signed_out_load_asks_for_no_refresh_and_logs_nothing_while_a_signed_in_reload_does_refresh()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var refreshes = new List<int>();
        page.Response += (_, response) =>
        {
            if (new Uri(response.Url).AbsolutePath == "/auth/refresh")
            {
                lock (refreshes)
                {
                    refreshes.Add(response.Status);
                }
            }
        };

        await page.GotoAsync("/");
        await Expect.Heading(page, "Sign in");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        lock (refreshes)
        {
            Assert.Empty(refreshes);
        }

        lock (browser.Errors)
        {
            Assert.True(browser.Errors.Count == 0, string.Join('\n', browser.Errors));
        }

        // Signed in, a reload restores the session from the cookie, which needs the refresh.
        await browser.SignUpAsync();
        await page.ReloadAsync();
        await Expect.Heading(page, "My videos");
        lock (refreshes)
        {
            Assert.Equal([200], refreshes);
        }

        // Signed out again, a reload is as quiet as the first visit.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect.Heading(page, "Sign in");
        await page.ReloadAsync();
        await Expect.Heading(page, "Sign in");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        lock (refreshes)
        {
            Assert.Equal([200], refreshes);
        }

        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task The_logo_and_both_favicons_are_served_as_images_and_allowed_by_the_policy()
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        foreach (var (path, type) in new[] { ("/favicon.ico", "image/x-icon"), ("/favicon.svg", "image/svg+xml"), ("/logo.svg", "image/svg+xml") })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (path.EndsWith(".ico", StringComparison.Ordinal))
            {
                Assert.Equal(new byte[] { 0, 0, 1, 0 }, body[..4]);
            }
            else
            {
                Assert.Contains("<svg", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
            }
        }

        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        var document = await page.GotoAsync("/");
        Assert.NotNull(document);
        Assert.Matches("img-src 'self'", await document.HeaderValueAsync("content-security-policy") ?? string.Empty);
        await Expect.Heading(page, "Sign in");

        // The brand link is named by its text, the logo beside it decorative, and the logo loaded under the policy.
        var brand = page.GetByRole(AriaRole.Link, new() { Name = "Vidsnap", Exact = true });
        await Assertions.Expect(brand).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.brand img').naturalWidth > 0");
        var icons = await page.EvaluateAsync<string[]>("""
            () => Promise.all([...document.querySelectorAll('link[rel=icon]')]
              .map(l => fetch(l.href).then(r => `${new URL(l.href).pathname} ${r.status} ${r.headers.get('content-type')}`)))
            """);
        Assert.Equal(["/favicon.svg 200 image/svg+xml", "/favicon.ico 200 image/x-icon"], icons);
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task A_field_error_is_said_once_under_its_field_and_the_box_keeps_only_the_title()
    {
        await using var browser = await fixture.NewSessionAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/signup");
        await Expect.Heading(page, "Create your account");
        await page.GetByLabel("Email").FillAsync($"short-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        var message = await Expect.TextAsync(page.Locator("#password-error"));
        Assert.Contains("at least 8 characters", message, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".problem")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".problem li")).ToHaveCountAsync(0);
        Assert.Equal(1, CountOf(await page.Locator("main").InnerTextAsync(), message));
        var password = page.GetByLabel("Password");
        await Assertions.Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        // The hint stays part of the description, next to the error.
        await Assertions.Expect(password).ToHaveAttributeAsync("aria-describedby", "password-hint password-error");

        // Editing the field takes its error away.
        await password.FillAsync("longer password");
        await Assertions.Expect(page.Locator("#password-error")).ToHaveCountAsync(0);
        await Assertions.Expect(password).ToHaveAttributeAsync("aria-describedby", "password-hint");
        Assert.Empty(browser.UnexpectedErrors());
    }

    [Fact]
    public async Task Screenshots_of_every_page_light_dark_and_on_a_phone()
    {
        await using var browser = await fixture.NewSessionAsync(width: 1100, height: 800);
        var page = browser.Page;
        await page.GotoAsync("/#/signin");
        await Expect.Heading(page, "Sign in");
        await browser.ScreenshotAsync("look-sign-in");
        await page.GotoAsync("/#/signup");
        await Expect.Heading(page, "Create your account");
        await browser.ScreenshotAsync("look-sign-up");

        await browser.SignUpAsync();
        var video = await TestVideos.PatternAsync(seconds: 4, width: 640, height: 360);
        await page.GetByLabel("Choose videos").SetInputFilesAsync(video);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var row = page.Locator("#videos li.video").Filter(new() { HasText = Path.GetFileName(video) });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 120_000 });

        // The event that says Completed carries no poster link; a fresh read of the list does.
        await page.ReloadAsync();
        await Expect.Heading(page, "My videos");
        await page.WaitForFunctionAsync("() => document.querySelector('#videos .thumb img')?.naturalWidth > 0");
        await browser.ScreenshotAsync("look-videos");

        await row.GetByRole(AriaRole.Link, new() { Name = Path.GetFileName(video) }).ClickAsync();
        await Expect.Heading(page, Path.GetFileName(video));
        await page.WaitForFunctionAsync("() => document.querySelector('#poster')?.naturalWidth > 0 && document.querySelector('#contact-sheet')?.naturalWidth > 0");
        await browser.ScreenshotAsync("look-video");

        await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect.Heading(page, "Your account");
        await Assertions.Expect(page.Locator("#usage")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("look-account");

        await page.GotoAsync("/#/");
        await Expect.Heading(page, "My videos");
        await Assertions.Expect(row).ToBeVisibleAsync();
        // Reduced motion: no colour transition is caught half-way.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark, ReducedMotion = ReducedMotion.Reduce });
        await page.WaitForFunctionAsync("() => document.querySelector('#videos .thumb img')?.naturalWidth > 0");
        await browser.ScreenshotAsync("look-videos-dark");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(375, 740);
        Assert.True(await page.EvaluateAsync<bool>(NoSidewaysScroll), "My videos scrolls sideways at 375 px.");
        await browser.ScreenshotAsync("look-videos-phone");

        foreach (var name in new[] { "look-sign-in", "look-sign-up", "look-videos", "look-video", "look-account", "look-videos-dark", "look-videos-phone" })
        {
            Assert.True(new FileInfo(Screenshots.PathOf(name)).Length > 5_000, $"{name}.png is missing or empty.");
        }

        Assert.Empty(browser.UnexpectedErrors());
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        Assert.True(await page.EvaluateAsync<bool>(NoSidewaysScroll), $"The {what} page scrolls sideways at 375 px.");
        var small = await page.EvaluateAsync<string[]>(SmallTapTargets);
        Assert.True(small.Length == 0, $"Tap targets under 40 px on the {what} page: {string.Join(", ", small)}");
    }

    private static int CountOf(string text, string part) => Regex.Count(text, Regex.Escape(part));

    /// <summary>Relative luminance (WCAG 2) of a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)".</summary>
    private static double Luminance(string colour)
    {
        var match = RgbColour().Match(colour);
        Assert.True(match.Success, $"Not an rgb() colour: {colour}");
        double Channel(int group)
        {
            var value = double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) / 255;
            return value <= 0.03928 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    private static double Contrast(double a, double b) => (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);

    [GeneratedRegex(@"^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)")]
    private static partial Regex RgbColour();
}
