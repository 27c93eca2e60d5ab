using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidsnap.Domain.Webhooks;

namespace Vidsnap.Domain.Persistence;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("WebhookEndpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.HasIndex(e => new { e.UserId, e.CreatedAt });
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Events).HasMaxLength(200);
        endpoint.Property(e => e.OwnerEmail).HasMaxLength(320);
        endpoint.Ignore(e => e.EventList);
        endpoint.Ignore(e => e.IsEnabled);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("WebhookDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasMaxLength(40);
        delivery.Property(d => d.EventType).HasMaxLength(40);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.ClaimedUntil).IsConcurrencyToken();
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        delivery.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId);
        delivery.Navigation(d => d.Attempts).HasField("attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("WebhookAttempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Error).HasMaxLength(500);
    }
}
