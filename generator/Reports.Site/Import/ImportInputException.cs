namespace Reports.Site.Import;

/// <summary>
/// An input file the importer cannot use. The message names the file and, where there is one, the entry or key,
/// then what is wrong: the author fixes the input, not the importer.
/// </summary>
public sealed class ImportInputException(string file, string message) : Exception(file + ": " + message)
{
    public string File { get; } = file;
}
