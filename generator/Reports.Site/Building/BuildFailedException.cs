namespace Reports.Site.Building;

/// <summary>The build stopped before publishing; each error is a line in the MSBuild format.</summary>
public sealed class BuildFailedException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
