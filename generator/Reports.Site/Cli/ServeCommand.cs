using System.CommandLine;
using Reports.Site.Serve;

namespace Reports.Site.Cli;

/// <summary><c>serve [--port P] [--content DIR] [--templates DIR]</c>: a live-reloading preview on 127.0.0.1.</summary>
internal static class ServeCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Option<int> Port = PortOption();
        public readonly Option<string?> Content = new("--content") { Description = "Content folder (default: content/ in the repository)." };
        public readonly Option<string?> Templates = new("--templates") { Description = "Templates folder (default: templates/ in the repository)." };
    }


    // Options are shared by every command tree built in a process (tests build many), so their
    // validators are added once, here, not each time a tree is made.
    private static Option<int> PortOption()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5173 };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be 0 to 65535 (0 picks a free one).");
            }
        });
        return port;
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("serve", "Preview the site on 127.0.0.1 with live reload; edits to content/ and templates/ rebuild it.")
        {
            cli.Port, cli.Content, cli.Templates,
        };
        command.SetAction(async (result, token) =>
        {
            await using var server = new PreviewServer(result.GetValue(cli.Content) ?? Path.Combine(RepoPaths.Root, "content"), result.GetValue(cli.Templates) ?? RepoPaths.Templates);
            try
            {
                await server.StartAsync(result.GetValue(cli.Port), token);
            }
            catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine($"error: port {result.GetValue(cli.Port)} on 127.0.0.1 is in use; pick another with --port (0 picks a free one).");
                return ExitCodes.Usage;
            }

            var status = server.Status;
            stdout.WriteLine($"serving {server.Address} ({status.Pages} pages built in {status.Seconds:0.00} s); watching content/ and templates/. Ctrl+C stops.");
            if (status.Error is { } error)
            {
                stderr.WriteLine(error);
            }

            await Task.WhenAny(Task.Delay(Timeout.Infinite, token), server.Stopped).ContinueWith(_ => { }, TaskScheduler.Default);
            stdout.WriteLine("stopped.");

            return ExitCodes.Ok;
        });
        return command;
    }
}
