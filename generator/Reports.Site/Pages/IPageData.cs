namespace Reports.Site.Pages;

/// <summary>
/// A page's values that also carry the text of the file its script fetches (<see cref="Page.DataFileName"/>),
/// derived with the rest of the page so that nothing is computed twice or held after the page is written.
/// </summary>
public interface IPageData
{
    /// <summary>The data file's text.</summary>
    string DataText { get; }
}
