namespace Vidsnap.Testing;

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

    /// <summary>Waits until the condition holds, or fails the test with the message.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            await Task.Delay(100);
        }
    }
}
