using Microsoft.AspNetCore.DataProtection;

namespace Vidsnap.Platform.Secrets;

/// <summary>
/// Encrypts secrets the server must read back (webhook signing secrets) before they are stored, with ASP.NET
/// Core Data Protection's keys, which every process shares through the database.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Vidsnap.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
