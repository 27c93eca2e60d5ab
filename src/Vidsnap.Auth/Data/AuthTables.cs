using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidsnap.Auth.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("Users");
        user.HasKey(u => u.Id);
        user.HasIndex(u => u.Email).IsUnique();
        user.Property(u => u.Email).HasMaxLength(320);
    }
}

internal sealed class EmailVerificationConfiguration : IEntityTypeConfiguration<EmailVerification>
{
    public void Configure(EntityTypeBuilder<EmailVerification> verification)
    {
        verification.ToTable("EmailVerifications");
        verification.HasKey(v => v.Id);
        verification.HasIndex(v => v.CodeHash).IsUnique();
        verification.HasIndex(v => new { v.UserId, v.CreatedAt });
        verification.Property(v => v.CodeHash).HasMaxLength(64);
        verification.Property(v => v.Purpose).HasMaxLength(32);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> token)
    {
        token.ToTable("RefreshTokens");
        token.HasKey(t => t.Id);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.FamilyId);
    }
}

internal sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottle>
{
    public void Configure(EntityTypeBuilder<LoginThrottle> throttle)
    {
        throttle.ToTable("LoginThrottles");
        throttle.HasKey(t => t.Key);
        throttle.Property(t => t.Key).HasMaxLength(64);
    }
}

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> key)
    {
        key.ToTable("SigningKeys");
        key.HasKey(k => k.Kid);
    }
}

/// <summary>Auth's tables, on whichever context the database adapter provides.</summary>
public static class AuthSets
{
    public static DbSet<User> Users(this DbContext db) => Set<User>(db);

    public static DbSet<RefreshToken> RefreshTokens(this DbContext db) => Set<RefreshToken>(db);

    public static DbSet<LoginThrottle> LoginThrottles(this DbContext db) => Set<LoginThrottle>(db);

    public static DbSet<SigningKey> SigningKeys(this DbContext db) => Set<SigningKey>(db);

    public static DbSet<EmailVerification> EmailVerifications(this DbContext db) => Set<EmailVerification>(db);

    private static DbSet<T> Set<T>(DbContext db)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<T>();
    }
}
