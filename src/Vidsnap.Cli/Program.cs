using Vidsnap.Cli;
using Vidsnap.Cli.Settings;

return await new CliApp(CliEnvironment.Process, Console.Out, Console.Error).RunAsync(args, CancellationToken.None);
