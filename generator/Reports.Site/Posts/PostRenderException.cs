using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>A post whose body cannot be published: a data tag failed, a claim is refuted, or its markup is unsafe. Every problem, located.</summary>
public sealed class PostRenderException(IReadOnlyList<ContentDiagnostic> diagnostics)
    : Exception(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToMsBuildString())))
{
    public IReadOnlyList<ContentDiagnostic> Diagnostics { get; } = diagnostics;
}
