using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One metric of one measurement next to the model's estimate for the same setup.</summary>
public sealed record CalibrationRow(MeasurementData Measurement, string Metric, string Unit, double Measured, double Estimate, string Fold, ModelKind Kind)
{
    /// <summary>(estimate - measured) / measured.</summary>
    public double RelativeError => (Estimate - Measured) / Measured;

    /// <summary>The accuracy table's category.</summary>
    public string Category => Calibration.CategoryOf(Measurement, Metric);
}
