using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Reports.Site.Building;
using Reports.Site.Review;

namespace Reports.Site.Tests;

/// <summary>
/// The facts manifest reads pages with a small tokenizer (HtmlOutline) instead of a full HTML5 parser.
/// These tests hold it to the reading a browser-grade parser (AngleSharp) gives, on every page of the
/// real site and on markup with the end tags HTML allows authors to leave out.
/// </summary>
public sealed class FactExtractionTests
{
    [Fact]
    public void Every_page_of_the_real_site_gives_the_facts_a_full_html_parser_reads()
    {
        using var temp = new TempFolder();
        var content = Path.Combine(TestPaths.RepoRoot, "content");
        SiteBuilder.Build(Reports.Specs.Catalog.Catalog.Compiled, new BuildOptions(content, TestPaths.Templates, temp["site"]), TestContext.Current.CancellationToken);

        var pages = Directory.EnumerateFiles(temp["site"], "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        pages.Count.ShouldBeGreaterThan(100);
        var facts = 0;
        foreach (var file in pages)
        {
            var html = File.ReadAllText(file);
            var fast = FactsManifest.Extract(file, html);
            var reference = ReferenceExtract(file, html);
            fast.Facts.ShouldBe(reference.Facts, file);
            facts += fast.Facts.Count;
        }

        facts.ShouldBeGreaterThan(5000);
    }

    [Theory]
    [InlineData("<section id=\"s\"><table><thead><tr><th>Model<th>Speed</thead><tbody><tr><th>A<td>12 tok/s<tr><th>B<td>1,500 ms</tbody></table></section>")]
    [InlineData("<section id=\"s\"><table><tr><th>Row</th><td>3 GB</td></tr></table><table class=\"fit\"><tr><th>x</th><td>4 GB</td></tr></table><table><tr><th>Row</th><td>5 GB</td></tr></table></section>")]
    [InlineData("<article id=\"post\"><dl><dt>Memory<dd>16.1&nbsp;GB<dt>Cost</dt><dd>$1,095 <span class=\"sr\">per month</span></dd></dl></article>")]
    [InlineData("<section id=\"n\"><!-- <td>9</td> --><table><tbody><tr><th>A <span class=\"note\">(excellent)</span></th><td><span aria-hidden=\"true\">~</span>57.1 tok/s<a class=\"f\" href=\"#x\">f</a></td></tr></tbody></table></section>")]
    [InlineData("<div><table><thead><tr><td></td><th>&times;1</th></tr></thead><tbody><tr><th>R&amp;D</th><td>+3.9%</td><td>-2</td></tr></tbody></table><ul><li>1<li>2</ul><p>x<p>y</div>")]
    public void Markup_with_omitted_end_tags_reads_as_a_browser_reads_it(string html)
    {
        var fast = FactsManifest.Extract("p.html", html);
        var reference = ReferenceExtract("p.html", html);

        fast.Facts.ShouldNotBeEmpty();
        fast.Facts.ShouldBe(reference.Facts);
    }

    [Fact]
    public void Text_of_elements_nested_200000_deep_is_read_without_recursion()
    {
        const int Depth = 200_000;
        var html = "<section id=\"s\"><table><tbody><tr><th>A</th><td>" + string.Concat(Enumerable.Repeat("<span>", Depth)) + "12 tok/s" + string.Concat(Enumerable.Repeat("</span>", Depth)) + "</td></tr></tbody></table></section>";

        FactsManifest.Extract("p.html", html).Facts.ShouldHaveSingleItem().ShouldBe(new Fact("s[A].col1", 12, "tok/s", "12 tok/s"));
    }

    /// <summary>The extraction as first written, on AngleSharp's DOM.</summary>
    private static PageFacts ReferenceExtract(string path, string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var facts = new FactSet();
        var Add = facts.Add;

        var tableIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in document.QuerySelectorAll("table:not(.fit)"))
        {
            var section = Section(table);
            var n = tableIndex.TryGetValue(section, out var i) ? i + 1 : 0;
            tableIndex[section] = n;
            var prefix = section + (n > 0 ? "#" + (n + 1).ToString(CultureInfo.InvariantCulture) : "");
            var headers = table.QuerySelectorAll("thead tr").LastOrDefault()?.Children.Select(c => Clean(c, "")).ToList() ?? [];
            var position = 0;
            foreach (var row in table.QuerySelectorAll("tbody tr"))
            {
                position++;
                var cells = row.Children.ToList();
                var rowHeader = cells.FirstOrDefault(c => c.LocalName == "th") is { } th ? Clean(th, ".note, .tag") : "";
                for (var c = 0; c < cells.Count; c++)
                {
                    if (cells[c].LocalName == "td")
                    {
                        Add(FactSet.CellKey(prefix, rowHeader, position, headers, c), Clean(cells[c], ""));
                    }
                }
            }
        }

        foreach (var list in document.QuerySelectorAll("dl"))
        {
            var section = Section(list);
            foreach (var dt in list.QuerySelectorAll("dt"))
            {
                if (dt.NextElementSibling is { LocalName: "dd" } dd)
                {
                    Add(section + "." + Clean(dt, ""), Clean(dd, ""));
                }
            }
        }

        return new PageFacts(path, FactsManifest.Hash(html), facts.Sorted());
    }

    private static string Section(IElement element)
    {
        for (var e = element.ParentElement; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "section" or "article" && e.Id is { Length: > 0 } id)
            {
                return id;
            }
        }

        return "page";
    }

    private static string Clean(IElement element, string alsoHidden)
    {
        var clone = (IElement)element.Clone();
        foreach (var hidden in clone.QuerySelectorAll(".sr, [aria-hidden=true], a.f, .band" + (alsoHidden.Length > 0 ? ", " + alsoHidden : "")).ToList())
        {
            hidden.Remove();
        }

        var builder = new StringBuilder();
        var space = false;
        foreach (var c in clone.TextContent)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>The spool that keeps a large build's facts on disk writes the manifest a whole-list write gives.</summary>
public sealed class FactsSpoolTests
{
    [Fact]
    public void Spooled_and_carried_over_pages_give_the_same_manifest_as_writing_them_at_once()
    {
        using var temp = new TempFolder();
        var pages = Enumerable.Range(0, 50)
            .Select(i => new PageFacts("p" + ((i * 37) % 50).ToString("00", CultureInfo.InvariantCulture) + ".html", "h" + i, [new Fact("k×" + i, i * 1.5, "GB", (i * 1.5).ToString(CultureInfo.InvariantCulture) + " GB")]))
            .ToList();
        var carried = pages.Where((_, i) => i % 3 == 0).ToDictionary(p => p.Path);

        string spooled;
        using (var spool = new FactsSpool(temp["spool"]))
        {
            // Pages finish in any order on parallel workers.
            Parallel.ForEach(pages.Where(p => !carried.ContainsKey(p.Path)), spool.Add);
            using var output = new MemoryStream();
            spool.WriteManifest(output, pages.Select(p => p.Path), path => carried[path]);
            spooled = Encoding.UTF8.GetString(output.ToArray());
        }

        spooled.ShouldBe(FactsManifest.Write(pages));
        File.Exists(temp["spool"]).ShouldBeFalse();
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(temp["site/.reports"]).FullName, "facts.json"), spooled);
        FactsManifest.Read(temp["site"]).Select(p => (p.Path, p.Hash, p.Facts.Single())).ShouldBe(pages.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => (p.Path, p.Hash, p.Facts.Single())));
    }
}
