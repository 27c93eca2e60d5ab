using Vidsnap.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidsnap.Api.Idempotency;

/// <summary>
/// A request made with an Idempotency-Key: which route, the hash of what it asked, and once it is answered, the
/// answer, so the same request again gets the same answer and creates nothing.
/// </summary>
public sealed class IdempotencyRecord : IOwnedByAccount
{
    public Guid UserId { get; set; }

    public required string Key { get; set; }

    public required string Route { get; set; }

    public required string RequestHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("IdempotencyRecords");
        record.HasKey(r => new { r.UserId, r.Key });
        record.Property(r => r.Key).HasMaxLength(255);
        record.Property(r => r.Route).HasMaxLength(200);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.HasIndex(r => r.CreatedAt);
    }
}
