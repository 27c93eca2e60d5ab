using Microsoft.Extensions.Options;
using Vidsnap.Auth;

namespace Vidsnap.UnitTests.Auth;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Password_hash_is_salted_pbkdf2_with_at_least_600000_iterations()
    {
        var hasher = new PasswordHasher(Options.Create(new AuthOptions()));
        var first = hasher.Hash("correct horse");
        var second = hasher.Hash("correct horse");

        Assert.StartsWith("pbkdf2-sha256$600000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(PasswordHasher.Verify("correct horse", first));
        Assert.False(PasswordHasher.Verify("correct horsf", first));
        Assert.False(PasswordHasher.Verify("correct horse", "garbage"));
    }
}
