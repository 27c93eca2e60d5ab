namespace Vidsnap.Gateway.ApiDocument;

/// <summary>A role that runs elsewhere could not give its document; the merged document would be incomplete, so there is none.</summary>
public sealed class RoleDocumentUnavailableException : Exception
{
    public RoleDocumentUnavailableException()
    {
    }

    public RoleDocumentUnavailableException(string message)
        : base(message)
    {
    }

    public RoleDocumentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RoleDocumentUnavailableException(string role, Uri url, string reason)
        : base($"The {role} role's API description could not be read from {url}: {reason}. The gateway serves the document "
            + $"whole or not at all, so it is unavailable until the {role} role answers again.")
    {
        Role = role;
    }

    public string? Role { get; }
}
