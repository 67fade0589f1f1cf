using Reports.Specs.Content;

namespace Reports.Site.Pages;

/// <summary>
/// The methodology page: every formula and assumption, the engines' caps, the calibration's fitted constants, the
/// held-out accuracy per category, and every measurement the speed model is scored on with its held-out estimate.
/// </summary>
public sealed record MethodologyPageModel(
    IReadOnlyList<FormulaView> Formulas,
    IReadOnlyList<AssumptionData> Assumptions,
    IReadOnlyList<RequestMixData> Mixes,
    IReadOnlyList<FitGradeData> Grades,
    IReadOnlyList<EngineDefaultsData> EngineCaps,
    bool Calibrated,
    CorpusView? Corpus,
    SharedConstantsData? Shared,
    IReadOnlyList<EngineConstantsView>? Engines,
    VendorFactorsView? Vendors,
    IReadOnlyList<CalibrationRowView> Calibration,
    IReadOnlyList<UnexpressedView>? Unexpressed,
    IReadOnlyList<AccuracyRow> Accuracy,
    KindAccuracyView? AccuracyByKind,
    IReadOnlyList<AccuracyRow> UnseenAccuracy,
    IReadOnlyList<UnseenRowView> Unseen,
    RepeatsView? Repeats,
    int StaleDays,
    string NamedBias);

/// <summary>
/// The corpus's setups measured more than once: how far apart their published figures lie (the spread no estimate of a
/// setup can close), and each group with its figures.
/// </summary>
public sealed record RepeatsView(int Groups, int Figures, string MedianSpread, string P90Spread, string MaxRatio, string MedianDeviation, IReadOnlyList<RepeatRowView> Rows);

/// <summary>One setup and metric with two or more published figures, and the largest over the smallest.</summary>
public sealed record RepeatRowView(ModelData Model, GpuData Gpu, int Count, string Precision, string Engine, string Shape, string Metric, IReadOnlyList<RepeatFigureView> Figures, string Ratio);

/// <summary>A figure of a repeated setup, linked to its source.</summary>
public sealed record RepeatFigureView(MeasurementData M, string Value);

/// <summary>A measurement scored the day it joined the corpus, by the constants then published.</summary>
public sealed record UnseenRowView(MeasurementData M, string Metric, string Category, string Measured, string Estimate, string Error, string Scored, ModelData Model, GpuData Gpu, string Precision, string Engine);

/// <summary>A formula as the methodology page lists it, with the anchor estimates link to and, for a long one, the summary its figures' tooltips show.</summary>
public sealed record FormulaView(string Id, string Anchor, string Text, string? Summary);

/// <summary>
/// The size of the measurement corpus: measurements, those the model can express, folds and comparisons, and how many
/// published TTFTs are left uncompared because their benchmark's arrivals are waves the model does not follow.
/// </summary>
public sealed record CorpusView(int Measurements, int Expressible, int Folds, int Comparisons, int WaveTtfts, int InProcessTtfts);

/// <summary>One engine's fitted constants, under the engine's display name.</summary>
public sealed record EngineConstantsView(string Name, EngineConstantsData E);

/// <summary>
/// The vendors whose accelerators' factors on the engines' efficiencies are fitted, the reference vendor the engines'
/// constants describe, and the catalog's vendors with no measurement at all (their estimates use the reference's constants).
/// </summary>
public sealed record VendorFactorsView(string Reference, IReadOnlyList<VendorFactorsData> Fitted, IReadOnlyList<string> Unmeasured)
{
    /// <summary>"AWS, Google or Intel".</summary>
    public string UnmeasuredText => Unmeasured.Count <= 1 ? string.Join("", Unmeasured) : string.Join(", ", Unmeasured.SkipLast(1)) + " or " + Unmeasured[^1];
}

/// <summary>One published measurement against the speed model's estimate with its own source held out.</summary>
public sealed record CalibrationRowView(
    MeasurementData M,
    string Metric,
    string Category,
    string Fold,
    string Measured,
    string HeldOut,
    string Fitted,
    string Error,
    ModelData Model,
    GpuData Gpu,
    string Precision,
    string Engine);

/// <summary>A measurement the speed model cannot express, and why.</summary>
public sealed record UnexpressedView(MeasurementData M, string Reason);

/// <summary>The held-out accuracy of one category of estimates: rows, sources, median and 90th-percentile error, share within ±25%, worst case, bias.</summary>
public sealed record AccuracyRow(string Category, int Rows, int Sources, string Median, string P90, string Within, string Worst, string Bias);

/// <summary>The held-out accuracy per kind of model, where a kind has enough comparisons from enough sources for a band of its own.</summary>
/// <param name="Overall">Each kind's median error over every category, in a sentence; empty when either kind has too few comparisons.</param>
public sealed record KindAccuracyView(int MinRows, int MinSources, IReadOnlyList<KindAccuracyRow> Rows, string Overall);

/// <summary>One category's accuracy on one kind of model: "dense" or "mixture of experts".</summary>
public sealed record KindAccuracyRow(string Kind, AccuracyRow Accuracy);
