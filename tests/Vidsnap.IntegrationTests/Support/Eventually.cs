namespace Vidsnap.IntegrationTests.Support;

public static class Eventually
{
    /// <summary>Waits for exactly one file to match, then checks for a while that no second one appears.</summary>
    public static async Task<string> SingleFileAsync(string directory, string pattern, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var files = Directory.Exists(directory) ? Directory.GetFiles(directory, pattern) : [];
            if (files.Length > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                files = Directory.GetFiles(directory, pattern);
                Assert.Single(files);
                return files[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No file {pattern} in {directory}");
            await Task.Delay(100);
        }
    }
}
