namespace Reports.Specs.Content;

/// <summary>A fact or block of facts that names its source (a key of the file's sources map, or a URL).</summary>
public interface IHasSource
{
    string Src { get; }
}
