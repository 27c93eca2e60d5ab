using Vidsnap.Cli;
using Vidsnap.Cli.Output;
using Vidsnap.Cli.Settings;

namespace Vidsnap.Cli.Tests;

public sealed class CliEnvironmentTests
{
    private static CliEnvironment With(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void The_config_folder_follows_xdg_and_falls_back_to_home()
    {
        Assert.Equal("/tmp/xdg/vidsnap", With(("XDG_CONFIG_HOME", "/tmp/xdg"), ("HOME", "/home/me")).ConfigDirectory);
        Assert.Equal("/home/me/.config/vidsnap", With(("HOME", "/home/me")).ConfigDirectory);
    }

    [Fact]
    public void The_server_is_the_option_then_the_variable_then_the_default()
    {
        var environment = With(("VIDSNAP_URL", "http://vidsnap.test:9000"));
        Assert.Equal(new Uri("http://cli.test/"), environment.ServerUrl("http://cli.test/"));
        Assert.Equal(new Uri("http://vidsnap.test:9000/"), environment.ServerUrl(null));
        Assert.Equal(new Uri("http://localhost:8080/"), With().ServerUrl(null));
        Assert.Throws<UsageException>(() => With().ServerUrl("localhost:8080"));
    }

    [Theory]
    [InlineData(false, false, "xterm", "Terminal")]
    [InlineData(false, true, "xterm", "Plain")]
    [InlineData(false, false, "dumb", "Plain")]
    [InlineData(true, false, "xterm", "Json")]
    [InlineData(true, true, null, "Json")]
    public void Bars_only_for_a_terminal_and_json_when_asked(bool json, bool redirected, string? term, string expected) =>
        Assert.Equal(Enum.Parse<OutputStyle>(expected), OutputChoice.Choose(json, redirected, term));
}
