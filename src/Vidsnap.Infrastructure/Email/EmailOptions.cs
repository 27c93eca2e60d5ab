namespace Vidsnap.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Vidsnap <no-reply@vidsnap.local>";
}

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>When empty, emails are written as .eml files under the data directory instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>"Auto", "None", "StartTls" or "SslOnConnect".</summary>
    public string Security { get; set; } = "Auto";

    public string? Username { get; set; }

    public string? Password { get; set; }
}
