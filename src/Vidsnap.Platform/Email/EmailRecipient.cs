using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidsnap.Platform.Email;

/// <summary>
/// An address Vidsnap may write to. Until its owner proves it is theirs, it receives the verification message
/// and nothing else, so nobody can make Vidsnap mail a stranger.
/// </summary>
public sealed class EmailRecipient
{
    /// <summary>Lowercase.</summary>
    public required string Address { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
}

internal sealed class EmailRecipientConfiguration : IEntityTypeConfiguration<EmailRecipient>
{
    public void Configure(EntityTypeBuilder<EmailRecipient> recipient)
    {
        recipient.ToTable("EmailRecipients");
        recipient.HasKey(r => r.Address);
        recipient.Property(r => r.Address).HasMaxLength(320);
    }
}

public static class EmailRecipients
{
    public static async Task<bool> IsVerifiedAsync(this DbContext db, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(address);
        var key = address.ToLowerInvariant();
        return await db.Set<EmailRecipient>().AnyAsync(r => r.Address == key && r.VerifiedAt != null, cancellationToken);
    }

    /// <summary>Records that the owner of the address proved it; saying it twice keeps the first time.</summary>
    public static async Task MarkVerifiedAsync(this DbContext db, string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(address);
        var key = address.ToLowerInvariant();
        if (await db.Set<EmailRecipient>().Where(r => r.Address == key && r.VerifiedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.VerifiedAt, now), cancellationToken) == 0
            && !await db.Set<EmailRecipient>().AnyAsync(r => r.Address == key, cancellationToken))
        {
            db.Set<EmailRecipient>().Add(new EmailRecipient { Address = key, VerifiedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Verified by a concurrent request.
                db.ChangeTracker.Clear();
            }
        }
    }
}
