using SkiaSharp;

namespace Reports.Site.Rendering;

/// <summary>
/// Draws an <see cref="OgCard"/> as a 1200 x 630 PNG, the size the Open Graph and X card formats show
/// full width. Fonts come from the assembly, not the machine, so the bytes depend on the card alone.
/// </summary>
public static class OgImage
{
    public const int Width = 1200;
    public const int Height = 630;

    private const float Margin = 72;

    private static readonly SKColor Ink = new(0x1b, 0x1f, 0x24);
    private static readonly SKColor Muted = new(0x57, 0x60, 0x6a);
    private static readonly SKColor Accent = new(0x0b, 0x5c, 0xad);
    private static readonly SKColor Soft = new(0xf6, 0xf8, 0xfa);
    private static readonly SKColor Line = new(0xd0, 0xd7, 0xde);

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));

    public static byte[] Render(OgCard card, string siteTitle)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        fill.Color = Accent;
        canvas.DrawRect(0, 0, 16, Height, fill);

        using var small = new SKFont(Bold.Value, 26);
        fill.Color = Accent;
        canvas.DrawText(card.Kind.ToUpperInvariant() + "  ·  " + siteTitle, Margin, 96, SKTextAlign.Left, small, fill);

        // The title's font is as large as its longest word allows ("DeepSeek-R1-Distill-Llama-70B" is one word).
        using var title = Shrunk(card.Title.Split(' ').MaxBy(w => w.Length) ?? "", Bold.Value, 62, Width - (2 * Margin));
        fill.Color = Ink;
        var y = 180f;
        foreach (var line in Wrap(card.Title, title, Width - (2 * Margin), 2))
        {
            canvas.DrawText(line, Margin, y, SKTextAlign.Left, title, fill);
            y += 74;
        }

        // The subtitle takes the lines left above the figures.
        var figuresTop = FiguresTop(card.Figures.Take(4).Count());
        using var subtitle = new SKFont(Regular.Value, 30);
        fill.Color = Muted;
        var room = Math.Max(1, (int)((figuresTop - 24 - (y - 30)) / 42));
        foreach (var line in Wrap(card.Subtitle, subtitle, Width - (2 * Margin), room))
        {
            canvas.DrawText(line, Margin, y + 6, SKTextAlign.Left, subtitle, fill);
            y += 42;
        }

        // Up to four figures in boxes along the bottom: one row of up to two, two rows of two for more. A value is
        // drawn smaller until it fits its box, never cut: a card that reads "59.0 to..." says nothing.
        var figures = card.Figures.Take(4).ToList();
        if (figures.Count > 0)
        {
            const float gap = 20;
            var perRow = figures.Count <= 2 ? figures.Count : 2;
            var rows = (figures.Count + perRow - 1) / perRow;
            var height = rows == 1 ? 130f : 105f;
            var top = FiguresTop(figures.Count);
            var width = (Width - (2 * Margin) - (gap * (perRow - 1))) / perRow;
            using var label = new SKFont(Regular.Value, 24);
            using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2, Color = Line };
            for (var i = 0; i < figures.Count; i++)
            {
                var x = Margin + ((i % perRow) * (width + gap));
                var boxTop = top + ((i / perRow) * (height + gap));
                fill.Color = Soft;
                canvas.DrawRoundRect(x, boxTop, width, height, 12, 12, fill);
                canvas.DrawRoundRect(x, boxTop, width, height, 12, 12, stroke);
                fill.Color = Muted;
                canvas.DrawText(Fit(figures[i].Label, label, width - 40), x + 20, boxTop + 38, SKTextAlign.Left, label, fill);
                using var value = Shrunk(figures[i].Value, Bold.Value, rows == 1 ? 40 : 34, width - 40);
                fill.Color = Ink;
                canvas.DrawText(Fit(figures[i].Value, value, width - 40), x + 20, boxTop + height - 24, SKTextAlign.Left, value, fill);
            }
        }

        // Skia's own PNG encoder took about 6.7 ms of a card's 8 ms; PngFile writes the surface's rows as they are.
        using var pixels = surface.PeekPixels();
        return PngFile.Encode(pixels.GetPixelSpan(), pixels.Width, pixels.Height, pixels.RowBytes);
    }

    /// <summary>Greedy word wrap into at most <paramref name="maxLines"/> lines, the last ending in an ellipsis if text remains.</summary>
    private static IEnumerable<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (font.MeasureText(candidate) <= width || current.Length == 0)
            {
                current = candidate;
                continue;
            }

            lines.Add(current);
            current = word;
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] = Fit(lines[^1] + " …", font, width);
        }

        return lines.Select(l => Fit(l, font, width));
    }

    /// <summary>Where the figure boxes start: one row of 130 px for up to two, two rows of 105 px for more, ending 48 px above the bottom.</summary>
    private static float FiguresTop(int figures)
        => figures == 0 ? Height - 48 : figures <= 2 ? Height - 48 - 130 : Height - 48 - (2 * 105) - 20;

    /// <summary>The largest font from <paramref name="size"/> down to 22 px in which the text fits the width.</summary>
    private static SKFont Shrunk(string text, SKTypeface typeface, float size, float width)
    {
        var font = new SKFont(typeface, size);
        while (font.Size > 22 && font.MeasureText(text) > width)
        {
            font.Size -= 1;
        }

        return font;
    }

    /// <summary>The text, shortened with an ellipsis until it fits the width.</summary>
    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text;
        while (cut.Length > 1 && font.MeasureText(cut + "…") > width)
        {
            cut = cut[..^1];
        }

        return cut.TrimEnd() + "…";
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(OgImage).Assembly.GetManifestResourceStream("Fonts." + file)
            ?? throw new InvalidOperationException("the font " + file + " is not embedded in the generator.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("the font " + file + " cannot be read.");
    }
}
