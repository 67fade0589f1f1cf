using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Recipes;

/// <summary>
/// A command that starts one engine on one deployment plan: the lines to run (one per node of a multi-node
/// plan), the options file some engines read, and what a reader should know about it. <see cref="Plan"/> is
/// the setup the estimates beside the command are computed for.
/// </summary>
public sealed record LaunchCommand(
    EngineData Engine,
    Setup Plan,
    string Checkpoint,
    IReadOnlyList<NodeCommand> Nodes,
    OptionsFile? Options,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Flags)
{
    /// <summary>Every line a reader runs as one shell text: the options file first, then each node's command under its name as a comment.</summary>
    public string Text => string.Join("\n", (Options is { } file ? [file.WriteCommand] : Array.Empty<string>())
        .Concat(Nodes.Select(n => n.Label is { } label ? "# " + label + "\n" + n.Text : n.Text)));
}

/// <summary>The command one node runs; <see cref="Label"/> names the node in a multi-node plan and is null on one node.</summary>
public sealed record NodeCommand(string? Label, string Text);

/// <summary>A YAML file the command reads (TensorRT-LLM's extra options), written by a heredoc before the command.</summary>
public sealed record OptionsFile(string Name, string Yaml)
{
    public string WriteCommand => "cat > " + Name + " <<'EOF'\n" + Yaml + "EOF";
}

/// <summary>One engine's answer for a plan: a command, or why there is none.</summary>
public sealed record LaunchOption(EngineData Engine, Setup Plan, LaunchCommand? Command, string? Unavailable)
{
    public static LaunchOption Of(LaunchCommand command) => new(command.Engine, command.Plan, command, null);

    public static LaunchOption None(EngineData engine, Setup plan, string reason) => new(engine, plan, null, reason);
}
