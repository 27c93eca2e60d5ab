using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Vidsnap.Platform.Secrets;

/// <summary>
/// Encrypts each Data Protection key with AES-256-GCM under the <see cref="MasterKey"/> before the key ring is
/// stored (in the database, which every role reads), so a copy of the database alone decrypts nothing.
/// </summary>
internal sealed class MasterKeyXmlEncryptor(MasterKey key) : IXmlEncryptor
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length));
        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM under Secrets:MasterKey: nonce, ciphertext, tag "),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }

    internal static XElement Decrypt(MasterKey key, XElement encryptedElement)
    {
        var sealedBytes = Convert.FromBase64String(encryptedElement.Element("value")?.Value ?? throw new CryptographicException("No encrypted key value."));
        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plaintext);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}

/// <summary>Made by Data Protection itself, by name, from the service provider: hence the constructor.</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        return MasterKeyXmlEncryptor.Decrypt(services.GetRequiredService<MasterKey>(), encryptedElement);
    }
}
