namespace Reports.Site.Rendering;

/// <summary>
/// Markup the generator itself produced and trusts (a rendered partial, an SVG chart). Everything
/// else a template prints is HTML-encoded; only values of this type are written as they are.
/// </summary>
public sealed record Html(string Value)
{
    public static readonly Html Empty = new("");

    public override string ToString() => Value;
}
