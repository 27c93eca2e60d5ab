namespace Vidsnap.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public double MinIntervalSeconds { get; set; } = 0.1;

    public double MaxIntervalSeconds { get; set; } = 3600;

    public int DefaultPageSize { get; set; } = 20;

    public int MaxPageSize { get; set; } = 100;
}
