using Reports.Specs.Catalog;
using Reports.Specs.Content;

namespace Reports.Site.Building;

/// <summary>Decides which pages the catalog produces. Pure: the catalog in, the page list out.</summary>
public static class PagePlanner
{
    public static IReadOnlyList<Page> Plan(Catalog catalog)
    {
        var pages = new List<Page>
        {
            new(
                "index.html",
                "pages/home.html",
                catalog.Site.Title,
                catalog.Site.Description,
                new Dictionary<string, object?>
                {
                    ["models"] = catalog.Models.ToArray(),
                    ["gpus"] = catalog.Gpus.ToArray(),
                }),
        };

        foreach (var model in catalog.Models)
        {
            pages.Add(new Page(
                "models/" + model.Id.Value + "/index.html",
                "pages/model.html",
                model.Name + ": architecture, memory and sources",
                ModelDescription(model),
                new Dictionary<string, object?>
                {
                    ["model"] = model,
                    ["prices"] = catalog.PricesFor(model.Id).Select(x => new { provider = x.Provider, price = x.Price }).ToList(),
                    ["scores"] = catalog.ScoresFor(model.Id).Select(x => new { benchmark = x.Benchmark, score = x.Score }).ToList(),
                }));
        }

        return pages;
    }

    private static string ModelDescription(ModelData model)
        => model.Name + " by " + model.Vendor + ": " + (model.Architecture.Kind == ModelKind.Moe ? "mixture-of-experts" : "dense")
           + " model, " + Rendering.Helpers.FmtParams(model.Params.Total.Value) + " parameters"
           + (model.Params.Active is { } active ? " (" + Rendering.Helpers.FmtParams(active.Value) + " active)" : "")
           + ", " + model.Context.Value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + "-token context.";
}
