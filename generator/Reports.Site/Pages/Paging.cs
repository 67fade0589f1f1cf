using System.Globalization;
using Reports.Site.Rendering;

namespace Reports.Site.Pages;

/// <summary>
/// One page of a list too long for one page, as Hugo's paginator splits it: the first page at the
/// list's own URL (<c>models/</c>), the rest at <c>models/page/2/</c> and on. A catalog of thousands
/// of models would otherwise make single pages of tens of megabytes.
/// </summary>
public sealed record Paging(string Folder, int Number, int Total, int PerPage, int ItemCount, string Noun)
{
    /// <summary>Every page of a list of <paramref name="itemCount"/> items under <paramref name="folder"/> ("models/"); one page when the list is empty.</summary>
    public static IReadOnlyList<Paging> For(string folder, int itemCount, int perPage, string noun)
    {
        var total = Math.Max(1, (itemCount + perPage - 1) / perPage);
        return Enumerable.Range(1, total).Select(n => new Paging(folder, n, total, perPage, itemCount, noun)).ToList();
    }

    public string OutputPath => UrlOf(Number) + "index.html";

    /// <summary>" (page 2 of 5)" for titles, empty for a list that fits one page.</summary>
    public string TitleSuffix => Total > 1 ? " (page " + Number.ToString(CultureInfo.InvariantCulture) + " of " + Total.ToString(CultureInfo.InvariantCulture) + ")" : "";

    public IEnumerable<T> Slice<T>(IEnumerable<T> items) => items.Skip((Number - 1) * PerPage).Take(PerPage);

    /// <summary>What partials/pager.html shows, links relative to the page's root; null when one page holds the whole list.</summary>
    public PagerView? View(string root)
        => Total == 1 ? null : new PagerView(
            Number,
            Total,
            Noun,
            Format.Int(((Number - 1) * PerPage) + 1),
            Format.Int(Math.Min(Number * PerPage, ItemCount)),
            Format.Int(ItemCount),
            Number > 1 ? root + UrlOf(Number - 1) : null,
            Number < Total ? root + UrlOf(Number + 1) : null,
            Window().Select(n => n == 0 ? new PagerLink(0, "", false, true) : new PagerLink(n, root + UrlOf(n), n == Number, false)).ToList());

    /// <summary>The first and last page and two either side of this one; 0 marks a gap.</summary>
    private IEnumerable<int> Window()
    {
        var previous = 0;
        for (var n = 1; n <= Total; n++)
        {
            if (n == 1 || n == Total || Math.Abs(n - Number) <= 2)
            {
                if (n - previous > 1)
                {
                    yield return 0;
                }

                yield return n;
                previous = n;
            }
        }
    }

    private string UrlOf(int number) => Folder + (number == 1 ? "" : "page/" + number.ToString(CultureInfo.InvariantCulture) + "/");
}
