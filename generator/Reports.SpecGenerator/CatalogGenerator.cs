using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Reports.SpecGenerator.Emit;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Content.Validation;

namespace Reports.SpecGenerator;

/// <summary>
/// content/site.yaml + content/data/**/*.yaml (AdditionalFiles) -> CompiledCatalog + RPT diagnostics.
/// Each file is parsed on its own step so that editing one file re-parses and re-emits only that file;
/// the cross-file step sees small equatable facts and re-emits the index only when ids change.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CatalogGenerator : IIncrementalGenerator
{
    public const string ContentRootProperty = "build_property.ReportsContentRoot";

    /// <summary>
    /// The day staleness is measured against (MSBuild's ReportsToday, yyyy-MM-dd). It comes in as a build property,
    /// not from the clock, so it is an input the incremental pipeline tracks and a test can fix.
    /// </summary>
    public const string TodayProperty = "build_property.ReportsToday";

    public static class TrackingNames
    {
        public const string ContentRoot = nameof(ContentRoot);
        public const string Today = nameof(Today);
        public const string LoadedFiles = nameof(LoadedFiles);
        public const string Index = nameof(Index);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var contentRoot = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue(ContentRootProperty, out var root) && !string.IsNullOrWhiteSpace(root)
                    ? ContentPaths.Normalize(root).TrimEnd('/')
                    : "")
            .WithTrackingName(TrackingNames.ContentRoot);

        var today = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue(TodayProperty, out var text) && ContentDate.TryParse(text.Trim(), out var date) ? date : (ContentDate?)null)
            .WithTrackingName(TrackingNames.Today);

        var files = context.AdditionalTextsProvider
            .Combine(contentRoot)
            .Select(static (pair, cancellationToken) => LoadFile(pair.Left, pair.Right, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.LoadedFiles);

        context.RegisterSourceOutput(files, static (spc, file) =>
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                spc.ReportDiagnostic(ToRoslyn(diagnostic));
            }

            if (file.Entity is not null && !file.HasErrors)
            {
                spc.AddSource(CatalogEmitter.HintName(file), CatalogEmitter.EntitySource(file));
            }
        });

        var index = files
            .Select(static (file, _) => new IndexEntry(file.Facts, !file.HasErrors && file.Entity is not null, (file.Entity as SiteData)?.StaleAfterDays))
            .Collect()
            .Combine(contentRoot)
            .Combine(today)
            .Select(static (pair, cancellationToken) => BuildIndex(pair.Left.Left, pair.Left.Right, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Index);

        context.RegisterSourceOutput(index, static (spc, catalogIndex) =>
        {
            foreach (var diagnostic in catalogIndex.Diagnostics)
            {
                spc.ReportDiagnostic(ToRoslyn(diagnostic));
            }

            spc.AddSource("Catalog.Index.g.cs", CatalogEmitter.IndexSource(catalogIndex));
        });
    }

    private static ContentFile? LoadFile(AdditionalText text, string contentRoot, CancellationToken cancellationToken)
    {
        if (contentRoot.Length == 0)
        {
            return null;
        }

        var relative = ContentPaths.RelativeTo(contentRoot, text.Path);
        var kind = relative is null ? null : ContentPaths.KindOf(relative);
        if (kind is null)
        {
            return relative is not null && ContentPaths.MisnamedKind(relative) is { } misnamed
                ? ContentFile.Refused(text.Path, misnamed, DiagnosticIds.UnexpectedFile, ContentFile.MisnamedMessage(text.Path))
                : null;
        }

        var source = text.GetText(cancellationToken);
        return ContentFile.Load(text.Path, kind.Value, source?.ToString() ?? "", cancellationToken);
    }

    private static CatalogIndex BuildIndex(ImmutableArray<IndexEntry> entries, string contentRoot, ContentDate? today, CancellationToken cancellationToken)
    {
        var staleAfter = entries.Select(e => e.StaleAfterDays).FirstOrDefault(d => d is not null);
        var diagnostics = CatalogRules.Check(
            entries.Select(e => e.Facts).ToList(),
            staleAfter,
            today,
            contentRoot);
        cancellationToken.ThrowIfCancellationRequested();

        // Only files that loaded cleanly have a method to call; the others already reported errors.
        EquatableArray<string> Ids(ContentKind kind) => new(entries
            .Where(e => e.Facts.Kind == kind && e.Emitted)
            .Select(e => ContentPaths.Stem(e.Facts.Path))
            .Distinct()
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray());

        return new CatalogIndex(
            contentRoot,
            entries.Any(e => e.Facts.Kind == ContentKind.Site && e.Emitted),
            entries.Any(e => e.Facts.Kind == ContentKind.Calibration && e.Emitted),
            Ids(ContentKind.Model),
            Ids(ContentKind.Gpu),
            Ids(ContentKind.Provider),
            Ids(ContentKind.Benchmark),
            Ids(ContentKind.Measurement),
            Ids(ContentKind.Engine),
            new EquatableArray<ContentDiagnostic>(diagnostics.ToArray()));
    }

    private static Diagnostic ToRoslyn(ContentDiagnostic diagnostic)
    {
        var title = Descriptors.TitleOf(diagnostic.Id);
        var severity = diagnostic.Severity;
        var descriptor = new DiagnosticDescriptor(
            diagnostic.Id,
            title,
            "{0}",
            "Reports.Content",
            severity == Reports.Specs.Content.DiagnosticSeverity.Error ? Microsoft.CodeAnalysis.DiagnosticSeverity.Error : Microsoft.CodeAnalysis.DiagnosticSeverity.Warning,
            isEnabledByDefault: true);
        var start = new LinePosition(Math.Max(0, diagnostic.Line - 1), Math.Max(0, diagnostic.Column - 1));
        var location = Location.Create(diagnostic.Path, new TextSpan(0, 0), new LinePositionSpan(start, start));
        return Diagnostic.Create(descriptor, location, diagnostic.Message);
    }

    private sealed record IndexEntry(FileFacts Facts, bool Emitted, int? StaleAfterDays);

    private static class Descriptors
    {
        public static string TitleOf(string id)
        {
            foreach (var entry in DiagnosticIds.All)
            {
                if (entry.Id == id)
                {
                    return entry.Title;
                }
            }

            return "Content problem";
        }
    }
}
