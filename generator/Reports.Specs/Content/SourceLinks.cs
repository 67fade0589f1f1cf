using System;
using System.Collections.Generic;

namespace Reports.Specs.Content;

/// <summary>A fact's <c>src</c> is a key of its file's sources map or a URL: this turns either into the URL.</summary>
public static class SourceLinks
{
    public static string Resolve(IEnumerable<SourceLink> sources, string src)
    {
        if (src.StartsWith("http", StringComparison.Ordinal))
        {
            return src;
        }

        foreach (var source in sources)
        {
            if (source.Key == src)
            {
                return source.Url;
            }
        }

        return src;
    }
}
