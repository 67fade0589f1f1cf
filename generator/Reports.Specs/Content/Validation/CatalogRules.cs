using System;
using System.Collections.Generic;
using System.Linq;
using Reports.Specs.Content.Loading;

namespace Reports.Specs.Content.Validation;

/// <summary>Rules across files: duplicate ids, references to ids that do not exist, stale data, site.yaml present.</summary>
public static class CatalogRules
{
    /// <param name="files">Facts of every content file.</param>
    /// <param name="staleAfterDays">From site.yaml; null when site.yaml is missing or broken.</param>
    /// <param name="today">The day to measure staleness against (passed in: rules stay pure); null checks no dates.</param>
    /// <param name="contentRoot">Where site.yaml is expected, for the error when it is missing.</param>
    public static IReadOnlyList<ContentDiagnostic> Check(
        IReadOnlyList<FileFacts> files, int? staleAfterDays, ContentDate? today, string contentRoot)
    {
        var diagnostics = new List<ContentDiagnostic>();
        if (!files.Any(f => f.Kind == ContentKind.Site))
        {
            diagnostics.Add(new ContentDiagnostic(
                DiagnosticIds.SiteSettings, DiagnosticSeverity.Error, ContentPaths.Normalize(contentRoot).TrimEnd('/') + "/site.yaml", 1, 1,
                "site.yaml is missing: the content root needs the site settings and estimation assumptions."));
        }

        var ids = new Dictionary<ContentKind, Dictionary<string, FileFacts>>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            // A file whose id is missing or invalid still answers to its file name, so references to it
            // do not pile unknown-reference errors on top of the error about its id.
            var id = string.IsNullOrEmpty(file.Id) ? ContentPaths.Stem(file.Path) : file.Id!;

            if (!ids.TryGetValue(file.Kind, out var byId))
            {
                ids[file.Kind] = byId = new Dictionary<string, FileFacts>(StringComparer.Ordinal);
            }

            if (byId.TryGetValue(id, out var first))
            {
                diagnostics.Add(new ContentDiagnostic(
                    DiagnosticIds.DuplicateId, DiagnosticSeverity.Error, file.Path, file.IdAt.Line, file.IdAt.Column,
                    "id '" + id + "' is already used by " + first.Path + ": ids must be unique within " + KindName(file.Kind) + "s."));
            }
            else
            {
                byId[id] = file;
            }
        }

        // A file whose id disagrees with its name already has an error; references by either name resolve.
        var stems = new HashSet<(ContentKind, string)>(files.Select(f => (f.Kind, ContentPaths.Stem(f.Path))));
        foreach (var file in files)
        {
            foreach (var reference in file.References)
            {
                var known = ids.TryGetValue(reference.TargetKind, out var byId) ? byId : new Dictionary<string, FileFacts>();
                if (!known.ContainsKey(reference.TargetId) && !stems.Contains((reference.TargetKind, reference.TargetId)))
                {
                    diagnostics.Add(new ContentDiagnostic(
                        DiagnosticIds.UnknownReference, DiagnosticSeverity.Error, reference.Path, reference.Line, reference.Column,
                        "unknown " + KindName(reference.TargetKind) + " '" + reference.TargetId + "': no file data/" + FolderOf(reference.TargetKind) + "/" + reference.TargetId + ".yaml."
                            + Suggest.DidYouMean(reference.TargetId, known.Keys)));
                }
            }

            if (today is { } day && staleAfterDays is { } days && file.Verified is { } verified && day.DayNumber - verified.DayNumber > days)
            {
                diagnostics.Add(new ContentDiagnostic(
                    DiagnosticIds.StaleData, DiagnosticSeverity.Warning, file.Path, file.VerifiedAt.Line, file.VerifiedAt.Column,
                    "verified " + verified + " is more than " + days + " days ago (stale_after_days in site.yaml): re-check the sources and update 'verified'."));
            }

            if (today is { } now && file.Verified is { } future && future.DayNumber > now.DayNumber + 1)
            {
                diagnostics.Add(new ContentDiagnostic(
                    DiagnosticIds.ImpossibleValue, DiagnosticSeverity.Error, file.Path, file.VerifiedAt.Line, file.VerifiedAt.Column,
                    "verified " + future + " is in the future."));
            }
        }

        return diagnostics;
    }

    public static string KindName(ContentKind kind) => kind switch
    {
        ContentKind.Gpu => "GPU",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string FolderOf(ContentKind kind)
        => ContentPaths.DataFolders.First(f => f.Kind == kind).Folder;
}
