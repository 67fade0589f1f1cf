namespace Reports.Specs.Estimators;

/// <summary>How much to trust a number, from strongest to weakest.</summary>
public enum Tier
{
    /// <summary>A published measurement.</summary>
    Measured,

    /// <summary>Stated by the maker (datasheet, model card).</summary>
    Vendor,

    /// <summary>Exact arithmetic from sourced facts, such as weight bytes from parameters.</summary>
    Derived,

    /// <summary>A model with assumptions, such as throughput.</summary>
    Estimated,
}

/// <summary>One named input of an estimate: a sourced fact, an assumption, or another estimate.</summary>
/// <param name="Source">Where the value comes from: a URL, "site.yaml: id", or "estimate: formula".</param>
/// <param name="From">The estimate this input is, when it is one, so provenance can be followed down.</param>
public sealed record EstimateInput(string Name, double Value, string Unit, string Source, Estimate? From = null);

/// <summary>A computed number that knows how it was made.</summary>
public sealed record Estimate(
    string Name,
    double Value,
    string Unit,
    string FormulaId,
    IReadOnlyList<EstimateInput> Inputs,
    IReadOnlyList<string> Assumptions,
    Tier Tier)
{
    public string Formula => Formulas.Text(FormulaId);

    /// <summary>The formula in one line, as a tooltip shows it.</summary>
    public string FormulaShort => Formulas.Short(FormulaId);

    /// <summary>
    /// How far estimates like this one were from published measurements the constants were not fitted
    /// on (calibration.yaml's held-out category), when the corpus has such rows; null for exact arithmetic.
    /// </summary>
    public Content.HeldOutSummaryData? Band { get; init; }

    /// <summary>This estimate as an input to another one.</summary>
    public EstimateInput AsInput(string? name = null) => new(name ?? Name, Value, Unit, "estimate: " + FormulaId, this);
}

