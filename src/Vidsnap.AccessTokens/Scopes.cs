namespace Vidsnap.AccessTokens;

/// <summary>
/// What a request may do. A person signed in with an access token has every scope; an API key has the ones it
/// was made with, and never <see cref="KeysManage"/> or <see cref="AccountManage"/>, so a key cannot make or see keys
/// nor delete the account.
/// </summary>
public static class Scopes
{
    public const string VideosRead = "videos:read";
    public const string VideosWrite = "videos:write";
    public const string WebhooksManage = "webhooks:manage";
    public const string KeysManage = "keys:manage";

    /// <summary>Seeing and deleting the account itself: a person's only, like <see cref="KeysManage"/>.</summary>
    public const string AccountManage = "account:manage";

    /// <summary>The scopes an API key may be given.</summary>
    public static IReadOnlyList<string> ForKeys { get; } = [VideosRead, VideosWrite, WebhooksManage];

    public static IReadOnlyList<string> ForPeople { get; } = [.. ForKeys, KeysManage, AccountManage];

    /// <summary>The claim an API key's principal carries once per scope.</summary>
    public const string Claim = "scope";
}
