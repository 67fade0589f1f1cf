using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;
using Reports.Specs.Estimators;
using Reports.Specs.Recipes;

namespace Reports.Site.Pages;

/// <summary>The "Use this config" block of one recommended setup: a launch command per engine, with that engine's estimates beside it.</summary>
public sealed record ConfigBlock(string Anchor, string Setup, IReadOnlyList<EngineConfigView> Engines);

/// <summary>One engine's command for a setup, or why there is none.</summary>
public sealed record EngineConfigView(
    string Engine,
    string EngineUrl,
    string Plan,
    string? Command,
    IReadOnlyList<NodeCommand> Nodes,
    OptionsFile? Options,
    IReadOnlyList<string> Notes,
    string? Unavailable,
    string? FlagsVersion,
    string? FlagsUrl,
    Html? Decode,
    Html? Itl,
    Html? Ttft,
    Html? Throughput,
    Html? CostPerMillion);

/// <summary>Builds the blocks from the recommendations the page shows.</summary>
public static class UseThisConfig
{
    public static IReadOnlyList<ConfigBlock> Blocks(SiteModel site, IReadOnlyList<Recommendation> shown, IReadOnlyList<EngineSupport> support, string root)
        => shown.Select((r, i) => new ConfigBlock(
            "config-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            SetupLabels.Describe(r.Setup),
            EngineConfigs.For(r, support, site.Assumptions).Select(c => View(c, root)).ToList())).ToList();

    private static EngineConfigView View(EngineConfig c, string root)
    {
        var engine = c.Engine;
        var command = c.Launch.Command;
        var estimate = c.Estimate;
        return new EngineConfigView(
            engine.Name,
            engine.Url,
            ParallelPlan.Describe(c.Launch.Plan),
            command?.Text,
            command?.Nodes ?? [],
            command?.Options,
            command?.Notes ?? [],
            c.Launch.Unavailable,
            engine.Cli?.Version,
            engine.Cli is { } cli ? SiteModel.SourceUrl(engine.Sources, cli.Src) : null,
            estimate is null ? null : Format.EstBrief(estimate.Latency.Speed!.DecodeTokensPerSecond, root),
            estimate is null ? null : Format.EstBrief(estimate.Latency.Speed!.ItlMs, root),
            estimate is null ? null : Format.EstBrief(estimate.Latency.Speed!.TtftMs, root),
            estimate is null ? null : Format.EstBrief(estimate.Offline.ThroughputTokensPerSecond, root),
            estimate is null ? null : Format.EstBrief(estimate.CostPerMillionTokens, root));
    }
}
