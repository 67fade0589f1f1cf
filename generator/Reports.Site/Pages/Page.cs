namespace Reports.Site.Pages;

/// <summary>
/// One page to render: where it goes, which template, the values the template sees (built only when
/// the page is rendered, then let go), and the data it depends on, for incremental builds.
/// </summary>
public sealed class Page
{
    private readonly Func<object> _model;

    public Page(string outputPath, string template, string title, string description, Func<object> model, string dataFingerprint = "")
    {
        OutputPath = outputPath;
        Template = template;
        Title = title;
        Description = description;
        DataFingerprint = dataFingerprint;
        _model = model;
    }

    public Page(string outputPath, string template, string title, string description, object model, string dataFingerprint = "")
        : this(outputPath, template, title, description, () => model, dataFingerprint)
    {
    }

    public string OutputPath { get; }

    public string Template { get; }

    public string Title { get; }

    public string Description { get; }

    /// <summary>The page's social card (Open Graph image), drawn when the page renders; null for pages without one.</summary>
    public Func<Rendering.OgCard>? Card { get; init; }

    /// <summary>Where the card image goes: beside the page's index.html.</summary>
    public string CardPath => Beside(Rendering.OgCard.FileName);

    /// <summary>
    /// The name of a file the page's own script fetches, written beside the page from its values when it renders
    /// (<see cref="IPageData"/>); null for pages without one. Kept out of the page so that readers who never ask
    /// do not download it.
    /// </summary>
    public string? DataFileName { get; init; }

    /// <summary>Where the data file goes: beside the page's index.html; null without one.</summary>
    public string? DataPath => DataFileName is null ? null : Beside(DataFileName);

    /// <summary>The files written with the page, beside it: its card and its data file, where it has them. An unchanged page carries them over with it.</summary>
    public IEnumerable<string> FilesBeside
    {
        get
        {
            if (Card is not null)
            {
                yield return CardPath;
            }

            if (DataPath is { } data)
            {
                yield return data;
            }
        }
    }

    /// <summary>Who makes the model or accelerator the page is about; empty for other pages. A search filter.</summary>
    public string Vendor { get; init; } = "";

    /// <summary>Other ways readers write the page's subject ("llama3.1", "llama31"); the search matches them too.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What the page is, for readers filtering search results: Model, Accelerator, Comparison, Post or Guide; empty for pages search does not list (not found, the search page itself).</summary>
    public string Kind => Template switch
    {
        "pages/404.html" or "pages/search.html" => "",
        "pages/model.html" => "Model",
        "pages/gpu.html" => "Accelerator",
        "pages/compare.html" => "Comparison",
        "pages/post.html" => "Post",
        _ => "Guide",
    };

    /// <summary>A hash of the catalog data the page shows; empty means "depends on everything".</summary>
    public string DataFingerprint { get; }

    /// <summary>
    /// The template's values (the page kind's record; its properties are the template's variables), derived on
    /// each call and not kept: a large site must not hold every page's numbers at once. The builder asks once per render.
    /// </summary>
    public object Model => _model();

    private string Beside(string fileName) => OutputPath[..(OutputPath.LastIndexOf('/') + 1)] + fileName;

    /// <summary>The page's URL path: "models/x/index.html" -> "/models/x/".</summary>
    public string UrlPath => "/" + (OutputPath.EndsWith("index.html", StringComparison.Ordinal) ? OutputPath[..^"index.html".Length] : OutputPath);
}
