namespace Reports.Site.Posts;

/// <summary>
/// A data tag posts may write: its name, how many arguments it takes, whether it renders a table (a block that takes
/// its paragraph's place) and how it renders. The parser checks names and argument counts; the renderer evaluates.
/// </summary>
public sealed record DataTagDefinition(string Name, int Arity, bool Block, Func<DataTags, ClaimTolerances, IReadOnlyList<object>, string> Render)
{
    /// <summary>The one data tag whose value is the author's, checked against the catalog.</summary>
    public const string ClaimTag = "claim";

    public static IReadOnlyDictionary<string, DataTagDefinition> All { get; } = new DataTagDefinition[]
    {
        new("spec", 2, false, (tags, _, a) => tags.Spec(Str(a[0]), Str(a[1]))),
        new(ClaimTag, 3, false, (tags, tolerances, a) => tags.Claim(Str(a[0]), Str(a[1]), Str(a[2]), tolerances)),
        new("compare_table", 2, true, (tags, _, a) => tags.CompareTable(Str(a[0]), Str(a[1]))),
        new("benchmark_table", 1, true, (tags, _, a) => tags.BenchmarkTable(Strs(a[0]))),
        new("memory_table", 1, true, (tags, _, a) => tags.MemoryTable(Str(a[0]))),
        new("speed_table", 2, true, (tags, _, a) => tags.SpeedTable(Strs(a[0]), Str(a[1]))),
        new("cost_table", 1, true, (tags, _, a) => tags.CostTable(Strs(a[0]))),
        new("recipe", 5, true, (tags, _, a) => tags.Recipe(Str(a[0]), Str(a[1]), Str(a[2]), Str(a[3]), Str(a[4]))),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The definition a well-formed call names with the right number of arguments; null for any other tag.</summary>
    public static DataTagDefinition? For(DataTagInline tag)
        => tag.Call is { } call && All.TryGetValue(call.Name, out var definition) && definition.Arity == call.Arguments.Count ? definition : null;

    /// <summary>An argument <see cref="DataTagSyntax"/> read as one string (a quoted string or a number).</summary>
    private static string Str(object value)
        => value as string ?? throw new DataTagException(DiagnosticCodes.TemplateError, "a list stands where this data tag takes one quoted string.");

    /// <summary>An argument read as a list of strings; one string is a list of one.</summary>
    private static IReadOnlyList<string> Strs(object value) => value as IReadOnlyList<string> ?? [Str(value)];
}
