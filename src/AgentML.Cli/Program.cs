using AgentML.Cli;
using AgentML.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("agentml");
    config.ValidateExamples();
    config.PropagateExceptions();
    TaskCommands.Register(config);
    SandboxCommands.Register(config);
    SolveCommands.Register(config);
    ForgeCommands.Register(config);
    BenchCommands.Register(config);
    ExecutorCommands.Register(config);
});

return await CliRunner.RunAsync(app, BenchCommands.RouteDefault(args));
