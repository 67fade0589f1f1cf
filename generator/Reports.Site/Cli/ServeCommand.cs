using System.CommandLine;
using Reports.Site.Serve;

namespace Reports.Site.Cli;

/// <summary><c>serve [--port P] [--content DIR] [--templates DIR]</c>: a live-reloading preview on 127.0.0.1.</summary>
internal static class ServeCommand
{
    private static readonly Option<int> Port = new("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5173 };
    private static readonly Option<string?> Content = new("--content") { Description = "Content folder (default: content/ in the repository)." };
    private static readonly Option<string?> Templates = new("--templates") { Description = "Templates folder (default: templates/ in the repository)." };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("serve", "Preview the site on 127.0.0.1 with live reload; edits to content/ and templates/ rebuild it.")
        {
            Port, Content, Templates,
        };
        command.SetAction(async (result, token) =>
        {
            await using var server = new PreviewServer(result.GetValue(Content) ?? Path.Combine(RepoPaths.Root, "content"), result.GetValue(Templates) ?? RepoPaths.Templates);
            await server.StartAsync(result.GetValue(Port), token);
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
