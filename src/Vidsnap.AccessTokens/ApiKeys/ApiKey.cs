using Vidsnap.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidsnap.AccessTokens.ApiKeys;

/// <summary>
/// A key a person made for a system. Only the SHA-256 of the secret is kept, so the table hands out nothing;
/// the prefix is a few characters of the secret, enough for its owner to tell keys apart.
/// </summary>
public sealed class ApiKey : IOwnedByAccount
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The owner's email as the key acts with it (videos made by the key are the owner's).</summary>
    public required string OwnerEmail { get; set; }

    public required string Name { get; set; }

    /// <summary>Space separated, as in an OAuth scope parameter.</summary>
    public required string Scopes { get; set; }

    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole secret, hex.</summary>
    public required string SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.HasIndex(k => k.SecretHash).IsUnique();
        key.HasIndex(k => new { k.UserId, k.CreatedAt });
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Scopes).HasMaxLength(200);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.SecretHash).HasMaxLength(64);
        key.Property(k => k.OwnerEmail).HasMaxLength(320);
        key.Ignore(k => k.ScopeList);
    }
}

public static class ApiKeyUsage
{
    /// <summary>Keys the account holds (not revoked): what its API keys quota counts.</summary>
    public static Task<int> ApiKeysHeldAsync(this DbContext db, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<ApiKey>().CountAsync(k => k.UserId == userId && k.RevokedAt == null, cancellationToken);
    }
}
