namespace Reports.Site.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => Cli.CommandLine.InvokeAsync(args, Console.Out, Console.Error);
}
