using System.CommandLine;
using Reports.Site.Cli;

namespace Reports.Site;

public static class Program
{
    public static Task<int> Main(string[] args) => Cli.CommandLine.InvokeAsync(args, Console.Out, Console.Error);
}
