using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vidsnap.Auth.Data;
using Vidsnap.Contracts;
using Vidsnap.Domain.Persistence;
using Vidsnap.Domain.Storage;
using Vidsnap.Platform.Data;
using Vidsnap.Platform.Email;
using Vidsnap.Testing;

namespace Vidsnap.IntegrationTests;

/// <summary>DELETE /api/me leaves nothing of the person: no row in any table that belongs to an account, no object, no working credential.</summary>
public sealed class AccountDeletionTests(VidsnapAppFixture fixture) : IClassFixture<VidsnapAppFixture>
{
    private readonly VidsnapApp app = fixture.App;

    [Fact]
    public async Task Deleting_the_account_removes_its_videos_objects_keys_webhooks_and_sessions_and_nothing_of_anyone_else()
    {
        using var person = await app.SignedInAsync();
        using var neighbour = await app.SignedInAsync();
        var id = await person.SubmitAsync(await TestVideos.PatternAsync(seconds: 2));
        await person.WaitForStatusAsync(id, "Completed");
        await person.CreateVideoAsync("waiting.mp4", 100);
        var keySecret = await person.CreateApiKeyAsync("videos:read");
        using (var hook = await person.Http.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "video.completed" } }))
        {
            Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        }

        var theirs = await neighbour.SubmitAsync(await TestVideos.PatternAsync(seconds: 1));
        await neighbour.WaitForStatusAsync(theirs, "Completed");
        var userId = Guid.Parse((await ApiClient.Json(await person.Http.GetAsync("/api/me")))["id"]!.GetValue<string>());
        var neighbourId = Guid.Parse((await ApiClient.Json(await neighbour.Http.GetAsync("/api/me")))["id"]!.GetValue<string>());
        Assert.True(await RowsOfAsync(userId, person.Email!) > 5);

        // A key acts for the person but cannot delete them.
        using (var asKey = person.WithApiKey(keySecret))
        using (var refused = await asKey.Http.DeleteAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("account:manage", (await ApiClient.Json(refused))["missingScope"]!.GetValue<string>());
        }

        using (var deleted = await person.Http.DeleteAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(0, await RowsOfAsync(userId, person.Email!));
        Assert.Empty(await app.ListObjectsAsync(ObjectKeys.UserPrefix(userId)));
        using (var again = await person.Http.DeleteAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        // A validator may remember a key for ApiKeys:CacheSeconds (at most 5 s), as for a revoked one.
        using (var asKey = person.WithApiKey(keySecret))
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    using var keyAfter = await asKey.Http.GetAsync("/api/videos");
                    return keyAfter.StatusCode == HttpStatusCode.Unauthorized;
                },
                TimeSpan.FromSeconds(6), "the deleted person's key still works");
        }

        using (var refresh = await person.Http.PostAsJsonAsync("/auth/refresh", new { refreshToken = person.RefreshToken }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        }

        using (var login = await app.Anonymous().Http.PostAsJsonAsync("/auth/login", new { email = person.Email, password = "correct horse battery" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }

        Assert.True(await RowsOfAsync(neighbourId, neighbour.Email!) > 0);
        Assert.NotEmpty(await app.ListObjectsAsync(ObjectKeys.UserPrefix(neighbourId)));
        Assert.Equal("Completed", (await neighbour.GetVideoAsync(theirs))["status"]!.GetValue<string>());
    }

    /// <summary>Every row of the account: each table whose rows belong to an account, and those kept by address.</summary>
    private async Task<int> RowsOfAsync(Guid userId, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidsnapDbContext>();
        var rows = 0;
        var owned = db.Model.GetEntityTypes().Where(t => typeof(IOwnedByAccount).IsAssignableFrom(t.ClrType)).ToList();
        Assert.True(owned.Count >= 8, string.Join(", ", owned.Select(t => t.ClrType.Name)));
        foreach (var table in owned)
        {
            var count = typeof(AccountDeletionTests).GetMethod(nameof(CountOwnedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(table.ClrType);
            rows += await (Task<int>)count.Invoke(null, [db, userId])!;
        }

        rows += await db.Users().CountAsync(u => u.Id == userId);
        rows += await db.SentNotifications().CountAsync(n => n.Recipient == email);
        rows += await db.Set<EmailRecipient>().CountAsync(r => r.Address == email);
        rows += await db.Set<LoginThrottle>().CountAsync(t => t.Key.StartsWith(Vidsnap.Auth.LoginLockout.AccountPrefix(email)));
        return rows;
    }

    private static Task<int> CountOwnedAsync<T>(VidsnapDbContext db, Guid userId)
        where T : class, IOwnedByAccount =>
        db.Set<T>().CountAsync(row => row.UserId == userId);
}
