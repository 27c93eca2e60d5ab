using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidsnap.Auth.Data;
using Vidsnap.Contracts;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Platform.Hosting;

namespace Vidsnap.Auth;

/// <summary>
/// Proves that an address belongs to the person who gave it: a 128-bit code, good once for a day, sent through the
/// outbox to the notifier as a code and a link to the web app; only the code's hash is stored. At most
/// Auth:VerificationEmailsPerHour codes go to one account an hour.
/// </summary>
public sealed class EmailVerificationService(VidsnapDbContext db, IOptions<AuthOptions> options, IOptions<VidsnapOptions> vidsnap, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A reset code hands over the account, so it lives only as long as it takes to read the email.</summary>
    private static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Adds a new code for the user to the next save, with its email; false when the hourly limit is reached.</summary>
    public Task<bool> SendCodeAsync(User user, HttpRequest request, CancellationToken cancellationToken) =>
        SendAsync(user, request, AccountEmailKinds.VerifyEmail, "verify", null, Lifetime, cancellationToken);

    /// <summary>
    /// Adds a password-reset code for the user to the next save, with its email, to verified and unverified addresses
    /// alike; false when the hourly limit (shared with every other code) is reached.
    /// </summary>
    public Task<bool> SendPasswordResetAsync(User user, HttpRequest request, CancellationToken cancellationToken) =>
        SendAsync(user, request, AccountEmailKinds.PasswordReset, "reset", EmailCodePurposes.PasswordReset, ResetLifetime, cancellationToken);

    /// <summary>
    /// A code that lets a browser past a lockout (see <see cref="UnlockEndpoints"/>). Any code proves the address, so
    /// an unverified one gets the verification email instead: Vidsnap sends it nothing else, and its code unlocks too.
    /// </summary>
    public Task<bool> SendUnlockCodeAsync(User user, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.EmailVerifiedAt is null
            ? SendCodeAsync(user, request, cancellationToken)
            : SendAsync(user, request, AccountEmailKinds.UnlockSignIn, "unlock", null, Lifetime, cancellationToken);
    }

    private async Task<bool> SendAsync(User user, HttpRequest request, string kind, string page, string? purpose, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        if (await db.EmailVerifications().CountAsync(v => v.UserId == user.Id && v.CreatedAt > hourAgo, cancellationToken) >= options.Value.VerificationEmailsPerHour)
        {
            return false;
        }

        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        db.EmailVerifications().Add(new EmailVerification { Id = Guid.NewGuid(), UserId = user.Id, CodeHash = HashOf(code), CreatedAt = now, ExpiresAt = now + lifetime, Purpose = purpose });
        db.Publish(new AccountEmailRequest(Guid.NewGuid(), user.Id, user.Email, kind, code, $"{BaseUrl(request)}/#/{page}?code={code}", now));
        return true;
    }

    /// <summary>Verifies the address the code was sent to; null when the code is wrong, used or expired.</summary>
    public async Task<User?> VerifyAsync(string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = HashOf(code);
        var verification = await db.EmailVerifications().SingleOrDefaultAsync(v => v.CodeHash == hash && v.Purpose == null && v.UsedAt == null && v.ExpiresAt > now, cancellationToken);
        if (verification is null)
        {
            return null;
        }

        var user = await db.Users().SingleAsync(u => u.Id == verification.UserId, cancellationToken);
        verification.UsedAt = now;
        user.EmailVerifiedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        await db.MarkVerifiedAsync(user.Email, now, cancellationToken);
        return user;
    }

    /// <summary>
    /// Uses up a password-reset code: claimed in one statement, so two requests with the same code cannot both get
    /// past it. Null when the code is wrong, used or expired. The account's other reset codes stop working with it.
    /// </summary>
    public async Task<User?> ClaimPasswordResetAsync(string code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = HashOf(code);
        var reset = await db.EmailVerifications().AsNoTracking()
            .Where(v => v.CodeHash == hash && v.Purpose == EmailCodePurposes.PasswordReset && v.UsedAt == null && v.ExpiresAt > now)
            .Select(v => new { v.Id, v.UserId }).SingleOrDefaultAsync(cancellationToken);
        if (reset is null || await db.EmailVerifications().Where(v => v.Id == reset.Id && v.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.UsedAt, now), cancellationToken) == 0)
        {
            return null;
        }

        await db.EmailVerifications()
            .Where(v => v.UserId == reset.UserId && v.Purpose == EmailCodePurposes.PasswordReset && v.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.UsedAt, now), cancellationToken);
        return await db.Users().SingleOrDefaultAsync(u => u.Id == reset.UserId, cancellationToken);
    }

    /// <summary>The address the person used to reach us: a link in the email then opens the same web app.</summary>
    private string BaseUrl(HttpRequest request) =>
        vidsnap.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string HashOf(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
