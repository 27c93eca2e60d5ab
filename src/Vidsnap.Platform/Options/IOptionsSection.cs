namespace Vidsnap.Platform.Options;

/// <summary>An options class names the configuration section it is bound from ("" for the standard root variables, such as AWS_REGION).</summary>
public interface IOptionsSection
{
    static abstract string Section { get; }
}
