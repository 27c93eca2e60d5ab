using Microsoft.Playwright;

namespace Vidsnap.BrowserTests;

/// <summary>Waits for what a user would see, with the test's own timeout instead of a fixed sleep.</summary>
internal static class Expect
{
    public static Task Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();

    public static async Task<string> TextAsync(ILocator locator)
    {
        await locator.WaitForAsync();
        return (await locator.TextContentAsync()) ?? string.Empty;
    }
}
