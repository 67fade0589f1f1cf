using System.Globalization;
using System.Text;
using Reports.Specs.Catalog;
using Reports.Specs.Estimators;

namespace Reports.Site.Cli;

/// <summary>
/// <c>--format command</c>: the launch command for the setup on its engine, runnable as printed, with the
/// estimates and notes as shell comments. A plan the engine cannot run prints the reason as a comment: like a
/// setup that does not fit, it is an answer about the setup, not a usage error.
/// </summary>
public static class EstimateCommandText
{
    public static string Write(SetupReport report, Catalog catalog, Assumptions assumptions)
    {
        var setup = report.Setup;
        var s = new StringBuilder();
        var engine = catalog.Data.Engines.FirstOrDefault(e => Reports.Specs.Recipes.LaunchCommands.Serving(e) == setup.Engine);
        if (engine is null)
        {
            return "# No launch command: the catalog has no engine file for " + setup.Engine.ToString().ToLowerInvariant() + ".\n";
        }

        var option = Reports.Specs.Recipes.LaunchCommands.For(setup, engine, assumptions);
        s.Append("# ").Append(setup.Model.Name).Append(" on ").Append(setup.Count.ToString(CultureInfo.InvariantCulture)).Append(" x ").Append(setup.Gpu.Name)
            .Append(", ").Append(Units.Name(setup.Precision).ToUpperInvariant()).Append(", ").Append(engine.Name).Append('\n');
        if (option.Command is not { } command)
        {
            return s.Append("# No launch command: ").Append(option.Unavailable).Append('\n').ToString();
        }

        if (report.Speed is { } speed)
        {
            s.Append("# Estimated: ").Append(Reports.Site.Rendering.Format.Value(speed.DecodeTokensPerSecond)).Append(" per user, ITL ").Append(Reports.Site.Rendering.Format.Value(speed.ItlMs));
            if (speed.TtftMs is { } ttft)
            {
                s.Append(", TTFT ").Append(Reports.Site.Rendering.Format.Value(ttft));
            }

            s.Append('\n');
        }

        foreach (var note in command.Notes)
        {
            s.Append("# ").Append(note).Append('\n');
        }

        s.Append("# Flags as documented for ").Append(engine.Name).Append(' ').Append(engine.Cli!.Version).Append('\n');
        return s.Append(command.Text).Append('\n').ToString();
    }
}
