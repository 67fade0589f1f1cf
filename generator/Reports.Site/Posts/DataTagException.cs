namespace Reports.Site.Posts;

/// <summary>A data tag that cannot be evaluated (an unknown model or fact, a claim the catalog refutes), with its diagnostic id.</summary>
public sealed class DataTagException(string id, string message) : Exception(message)
{
    public string Id { get; } = id;
}
