namespace Vidsnap.Client;

/// <summary>No credentials to call with: no API key, no usable access token and no refresh token.</summary>
public sealed class VidsnapNotSignedInException : Exception
{
    public VidsnapNotSignedInException()
        : this("Not signed in.")
    {
    }

    public VidsnapNotSignedInException(string message)
        : base(message)
    {
    }

    public VidsnapNotSignedInException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
