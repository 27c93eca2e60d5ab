using Vidsnap.DeploymentTests.Support;
using Vidsnap.Host;
using Vidsnap.Testing;

namespace Vidsnap.DeploymentTests;

public sealed class ComposeTests
{
    [NeedsToolFact("docker-compose")]
    public async Task Docker_compose_accepts_the_file()
    {
        var result = await Tool.RunAsync("docker-compose", "--env-file", ".env.example", "-f", "docker-compose.yml", "config", "-q");
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public void Every_role_runs_in_its_own_container_after_the_one_shot_setup_and_migration()
    {
        var services = Yaml.Documents(File.ReadAllText(Repository.PathOf("docker-compose.yml"))).Single()["services"]!;
        foreach (var role in RoleSet.All)
        {
            Assert.Equal("--role", services.Text(role, "command", 0));
            Assert.Equal(role, services.Text(role, "command", 1));
            Assert.Equal("distributed", services.Text(role, "environment", "Vidsnap__Mode"));
            Assert.Equal("true", services.Text(role, "read_only"));
            Assert.Equal("service_completed_successfully", services.Text(role, "depends_on", "migrate", "condition"));
        }

        Assert.Equal(HostCommands.Migrate, services.Text("migrate", "command", 0));
        Assert.Equal(HostCommands.Setup, services.Text("setup", "command", 0));
        Assert.Equal("8080:8080", services.Text(RoleSet.Gateway, "ports", 0));
    }
}
