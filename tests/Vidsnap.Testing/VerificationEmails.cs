using System.Text.RegularExpressions;

namespace Vidsnap.Testing;

/// <summary>Reads the verification code out of the email a server wrote (embedded mail files, or the SMTP stand-in's).</summary>
public static partial class VerificationEmails
{
    public static async Task<string> WaitForCodeAsync(string mailDirectory, string address, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            foreach (var file in Directory.Exists(mailDirectory) ? Directory.GetFiles(mailDirectory, "*.eml") : [])
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains($"To: {address}", StringComparison.OrdinalIgnoreCase) && Code().Match(text) is { Success: true } match)
                {
                    return match.Groups[1].Value;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No verification email for {address} in {mailDirectory}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"this code: ([A-Za-z0-9_-]{10,})")]
    private static partial Regex Code();
}
