namespace Reports.Specs.Content;

/// <summary>
/// content/calibration.yaml: the speed model's fitted constants and their held-out accuracy, written by
/// the <c>calibrate</c> command from the measurement corpus. Never edited by hand: a test reruns the
/// fit and fails when this file no longer matches the corpus.
/// </summary>
public sealed record CalibrationData
{
    /// <summary>The command that wrote the file.</summary>
    [Required]
    public string Command { get; init; } = "";

    /// <summary>Measurements in the corpus, and how many of them the model could express.</summary>
    [Required]
    [Min(0)]
    public int Measurements { get; init; }

    [Required]
    [Min(0)]
    public int Expressible { get; init; }

    /// <summary>Independent sources, each one fold: its rows are scored by constants fitted without them.</summary>
    [Required]
    [Min(0)]
    public int Folds { get; init; }

    /// <summary>Constants shared by every engine, fitted on the whole corpus.</summary>
    [Required]
    public SharedConstantsData Shared { get; init; } = new();

    /// <summary>Per-engine constants, fitted on the whole corpus.</summary>
    public EquatableArray<EngineConstantsData> Engines { get; init; } = EquatableArray<EngineConstantsData>.Empty;

    /// <summary>
    /// Per accelerator vendor other than the reference (NVIDIA, where most of the corpus ran): the share of each engine's
    /// fitted bandwidth and compute efficiency its kernels reach there. Fitted only for vendors the corpus has measured.
    /// </summary>
    public EquatableArray<VendorFactorsData> Vendors { get; init; } = EquatableArray<VendorFactorsData>.Empty;

    /// <summary>Accuracy per category on the held-out folds.</summary>
    public EquatableArray<HeldOutSummaryData> HeldOut { get; init; } = EquatableArray<HeldOutSummaryData>.Empty;

    /// <summary>
    /// The same per kind of model, dense or mixture of experts, where a kind has enough comparisons from enough sources in a
    /// category (<c>Calibration.MinKindRows</c>, <c>Calibration.MinKindSources</c>): a setup's band is its own kind's.
    /// </summary>
    public EquatableArray<HeldOutSummaryData> HeldOutByKind { get; init; } = EquatableArray<HeldOutSummaryData>.Empty;

    /// <summary>Every comparison: the measured value, the held-out estimate and its fold.</summary>
    public EquatableArray<CalibrationRowData> Rows { get; init; } = EquatableArray<CalibrationRowData>.Empty;

    /// <summary>Measurements the model cannot express yet, with the reason.</summary>
    public EquatableArray<UnexpressedData> Unexpressed { get; init; } = EquatableArray<UnexpressedData>.Empty;

    /// <summary>
    /// Measurements scored the day they joined the corpus, by the constants of the calibration before them: estimates
    /// made before the model had seen the result at all. Kept from run to run; each run adds the measurements new to it.
    /// </summary>
    public EquatableArray<UnseenRowData> Unseen { get; init; } = EquatableArray<UnseenRowData>.Empty;
}

/// <summary>One measurement scored before any fit had seen it: the estimate the published constants made of it.</summary>
public sealed record UnseenRowData
{
    [Required]
    public MeasurementId Measurement { get; init; }

    [Required]
    public string Metric { get; init; } = "";

    [Required]
    public string Category { get; init; } = "";

    [Required]
    public string Fold { get; init; } = "";

    public double Measured { get; init; }

    /// <summary>The estimate with the constants in force before this measurement joined the corpus.</summary>
    public double Estimate { get; init; }

    /// <summary>The day it was scored.</summary>
    [Required]
    public ContentDate Scored { get; init; }
}

public sealed record SharedConstantsData
{
    /// <summary>Fixed cost of one request before its first forward step: tokenization, scheduling, sampling, detokenization.</summary>
    [Min(0)]
    public double RequestOverheadMs { get; init; }

    /// <summary>Latency of one all-reduce (or expert dispatch) between GPUs, before its bytes are counted.</summary>
    [Min(0)]
    public double AllreduceLatencyUs { get; init; }

    /// <summary>Share of the offline schedule's throughput a server scenario reaches under its latency bounds.</summary>
    [Min(0, Exclusive = true)]
    [Max(1)]
    public double ServerLoadFraction { get; init; } = 1;

    /// <summary>Fixed cost per MoE layer per step: routing tokens to experts and gathering them back.</summary>
    [Min(0)]
    public double MoeLayerOverheadUs { get; init; }

    /// <summary>The rows an expert's multiply needs in a step to reach half its full rate: fewer rows, a smaller share.</summary>
    [Min(0)]
    public double ExpertHalfRateTokens { get; init; }
}

public sealed record EngineConstantsData
{
    [Required]
    public ServingEngine Engine { get; init; }

    [Required]
    [Min(0, Exclusive = true)]
    [Max(1)]
    public double BandwidthEfficiency { get; init; }

    [Required]
    [Min(0, Exclusive = true)]
    [Max(1)]
    public double ComputeEfficiency { get; init; }

    [Required]
    [Min(0, Exclusive = true)]
    [Max(1)]
    public double PrefillEfficiency { get; init; }

    [Required]
    [Min(0)]
    public double LayerOverheadUs { get; init; }

    /// <summary>Fixed cost per layer of a step that carries prompt tokens: the host launching its kernels outside a CUDA graph.</summary>
    [Required]
    [Min(0)]
    public double PromptLayerOverheadUs { get; init; }

    /// <summary>Comparisons of this engine in the corpus.</summary>
    [Min(0)]
    public int Rows { get; init; }
}

/// <summary>One vendor's factors on the engines' efficiencies (see <see cref="CalibrationData.Vendors"/>).</summary>
public sealed record VendorFactorsData
{
    /// <summary>The accelerators' vendor, as their files write it ("AMD", "Apple").</summary>
    [Required]
    public string Vendor { get; init; } = "";

    /// <summary>Multiplies every engine's share of peak bandwidth on this vendor's accelerators.</summary>
    [Required]
    [Min(0, Exclusive = true)]
    public double BandwidthFactor { get; init; }

    /// <summary>Multiplies every engine's share of dense peak compute, decoding and on prompts.</summary>
    [Required]
    [Min(0, Exclusive = true)]
    public double ComputeFactor { get; init; }

    /// <summary>Comparisons on this vendor's accelerators in the corpus.</summary>
    [Min(0)]
    public int Rows { get; init; }
}

public sealed record HeldOutSummaryData
{
    [Required]
    public string Category { get; init; } = "";

    /// <summary>Only the comparisons of this kind of model (dense, or mixture of experts); null for every model.</summary>
    public ModelKind? Kind { get; init; }

    [Min(0)]
    public int Rows { get; init; }

    [Min(0)]
    public int Sources { get; init; }

    public double Median { get; init; }

    public double P90 { get; init; }

    public double WithinQuarter { get; init; }

    public double Worst { get; init; }

    public double Bias { get; init; }
}

public sealed record CalibrationRowData
{
    [Required]
    public MeasurementId Measurement { get; init; }

    [Required]
    public string Metric { get; init; } = "";

    [Required]
    public string Category { get; init; } = "";

    [Required]
    public string Fold { get; init; } = "";

    public double Measured { get; init; }

    /// <summary>The estimate with constants fitted without this row's source.</summary>
    public double HeldOut { get; init; }

    /// <summary>The estimate with the constants fitted on the whole corpus: what the pages print.</summary>
    public double Fitted { get; init; }
}

public sealed record UnexpressedData
{
    [Required]
    public MeasurementId Measurement { get; init; }

    [Required]
    public string Reason { get; init; } = "";
}
