namespace Vidsnap.Platform.Egress;

/// <summary>
/// Whether user-given addresses may be on private networks, by default: yes where Vidsnap runs on its user's own
/// machine (embedded), no where it serves many (distributed). The mode's adapters register it; a setting such as
/// Webhooks:AllowPrivateTargets overrides it.
/// </summary>
public sealed record EgressPolicy(bool AllowPrivateNetworks);
