namespace Reports.Specs.Content;

/// <summary>Everything under content/: what the generator compiles and what the loader reads at run time.</summary>
public sealed record CatalogData(
    SiteData Site,
    EquatableArray<ModelData> Models,
    EquatableArray<GpuData> Gpus,
    EquatableArray<ProviderData> Providers,
    EquatableArray<BenchmarkData> Benchmarks,
    EquatableArray<MeasurementData> Measurements,
    EquatableArray<EngineData> Engines,
    CalibrationData? Calibration = null);
