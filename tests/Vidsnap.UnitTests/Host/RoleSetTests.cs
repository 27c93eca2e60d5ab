using Vidsnap.Host;

namespace Vidsnap.UnitTests.Host;

public sealed class RoleSetTests
{
    [Fact]
    public void Roles_parse_all_lists_and_reject_unknown_names()
    {
        Assert.True(RoleSet.Parse(null).Has(RoleSet.Notifier));
        var some = RoleSet.Parse("api, video-worker");
        Assert.True(some.Has(RoleSet.VideoWorker));
        Assert.False(some.Has(RoleSet.Gateway));
        Assert.Throws<ArgumentException>(() => RoleSet.Parse("api,frobnicator"));
        Assert.Equal(["--Vidsnap:Roles=notifier", "--urls", "x"], RoleSet.NormalizeArguments(["notifier", "--urls", "x"]));
        Assert.Equal(["--Vidsnap:Roles", "api"], RoleSet.NormalizeArguments(["--role", "api"]));
    }

    [Fact]
    public void Every_role_has_one_entry_in_the_role_table()
    {
        Assert.Equal(
            [RoleSet.Gateway, RoleSet.Auth, RoleSet.Api, RoleSet.VideoWorker, RoleSet.StatusWorker, RoleSet.Notifier],
            RoleModules.All.Select(m => m.Name));
        Assert.Equal(RoleSet.All, RoleModules.All.Select(m => m.Name));
    }
}
