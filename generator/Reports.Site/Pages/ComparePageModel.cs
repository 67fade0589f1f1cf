using Reports.Site.Rendering;
using Reports.Specs.Content;

namespace Reports.Site.Pages;

/// <summary>
/// A comparison page (templates/pages/compare.html): two models' architecture, benchmarks measured the same way,
/// memory and minimum hardware, speed on the same GPUs, cost, and a verdict per aspect.
/// </summary>
public sealed record ComparePageModel(
    ModelData A,
    ModelData B,
    IReadOnlyList<CompareRow> Arch,
    IReadOnlyList<CompareBenchmarkRow> Bench,
    IReadOnlyList<CompareMemoryRow> Memory,
    GpuData? Gpu,
    CompareSpeed? Speed,
    CompareCost Cost,
    IReadOnlyList<string> Verdict);

/// <summary>One architecture row: the label and each model's value.</summary>
public sealed record CompareRow(string Label, string A, string B);

/// <summary>One benchmark: each model's score and setting, and the difference where the two were measured the same way.</summary>
public sealed record CompareBenchmarkRow(BenchmarkData Benchmark, string A, string B, string ASetting, string BSetting, string Delta);

/// <summary>Weights at one precision and the minimum count of the reference GPU, for each model.</summary>
public sealed record CompareMemoryRow(string Precision, Html A, Html B, string AMin, string BMin);

/// <summary>Both models on the same hardware: decode speed and TTFT for one user.</summary>
public sealed record CompareSpeed(string Setup, Html ADecode, Html BDecode, Html ATtft, Html BTtft);

/// <summary>Each model's lowest current API price, self-hosted cost on its best setup, and the volume where self-hosting pays.</summary>
public sealed record CompareCost(string AApi, string BApi, Html ASelf, Html BSelf, string ASetup, string BSetup, Html ABreakEven, Html BBreakEven);
