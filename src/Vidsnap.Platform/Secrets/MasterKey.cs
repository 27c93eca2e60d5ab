namespace Vidsnap.Platform.Secrets;

/// <summary>The key that encrypts the Data Protection key ring at rest; where it comes from is the mode's choice.</summary>
public sealed class MasterKey
{
    public MasterKey(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != 32)
        {
            throw new ArgumentException("A master key is 32 bytes.", nameof(bytes));
        }

        Bytes = bytes;
    }

    internal byte[] Bytes { get; }
}
