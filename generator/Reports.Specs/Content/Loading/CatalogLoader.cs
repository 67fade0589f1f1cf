using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Reports.Specs.Content.Validation;

namespace Reports.Specs.Content.Loading;

/// <summary>The outcome of loading a content tree: a catalog when there are no errors, and every diagnostic.</summary>
public sealed record CatalogLoadResult(CatalogData? Catalog, EquatableArray<ContentDiagnostic> Diagnostics)
{
    public bool Succeeded => Catalog is not null;
}

/// <summary>
/// Builds a catalog from loaded files. The source generator does the same at compile time;
/// this run-time path serves `build --content DIR`, tests and fixtures.
/// </summary>
public static class CatalogLoader
{
    public static CatalogLoadResult Assemble(IReadOnlyList<ContentFile> files, ContentDate today, string contentRoot)
    {
        var site = files.Where(f => f.Kind == ContentKind.Site).Select(f => f.Entity).OfType<SiteData>().FirstOrDefault();
        var diagnostics = files.SelectMany(f => f.Diagnostics).ToList();
        diagnostics.AddRange(CatalogRules.Check(files.Select(f => f.Facts).ToList(), site?.StaleAfterDays, today, contentRoot));
        diagnostics = Order(diagnostics);

        if (site is null || diagnostics.Any(d => d.IsError))
        {
            return new CatalogLoadResult(null, new EquatableArray<ContentDiagnostic>(diagnostics.ToArray()));
        }

        var catalog = new CatalogData(
            site,
            Entities<ModelData>(files, m => m.Id.Value),
            Entities<GpuData>(files, g => g.Id.Value),
            Entities<ProviderData>(files, p => p.Id.Value),
            Entities<BenchmarkData>(files, b => b.Id.Value),
            Entities<MeasurementData>(files, m => m.Id.Value),
            Entities<EngineData>(files, e => e.Id.Value),
            files.Where(f => f.Kind == ContentKind.Calibration).Select(f => f.Entity).OfType<CalibrationData>().FirstOrDefault());
        return new CatalogLoadResult(catalog, new EquatableArray<ContentDiagnostic>(diagnostics.ToArray()));
    }

    internal static List<ContentDiagnostic> Order(List<ContentDiagnostic> diagnostics) => ContentDiagnostic.InFileOrder(diagnostics);

    private static EquatableArray<T> Entities<T>(IReadOnlyList<ContentFile> files, Func<T, string> id)
        => new(files.Select(f => f.Entity).OfType<T>().OrderBy(id, StringComparer.Ordinal).ToArray());
}
