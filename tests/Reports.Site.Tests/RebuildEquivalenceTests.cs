using System.Globalization;
using System.Text.RegularExpressions;

namespace Reports.Site.Tests;

/// <summary>
/// An incremental build after any one edit equals a clean build of the edited inputs, byte for byte: every
/// fixture data file, site.yaml, post, template, partial and asset is edited in turn. A page whose fingerprint
/// misses an input it reads stays stale after that input's edit, and this test names the file and the page.
/// </summary>
public sealed partial class RebuildEquivalenceTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.BasicFixture, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add("content/" + Path.GetRelativePath(TestPaths.BasicFixture, file).Replace('\\', '/'));
        }

        foreach (var file in Directory.EnumerateFiles(TestPaths.Templates, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".svg", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add("templates/" + Path.GetRelativePath(TestPaths.Templates, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public Task An_incremental_build_after_editing_one_input_equals_a_clean_build(string input)
        => IncrementalEqualsClean(input, text => Edit(input, text));

    /// <summary>Front matter changes what other pages list (the tag pages, the posts index, the models' pages) without touching the body.</summary>
    [Theory]
    [InlineData("tags: [llama, comparison]", "tags: [llama, sizing]")]
    [InlineData("models: [llama-3-1-70b, llama-3-1-8b]", "models: [llama-3-1-70b]")]
    public Task An_incremental_build_after_editing_a_posts_front_matter_equals_a_clean_build(string from, string to)
        => IncrementalEqualsClean("content/posts/llama-3-1-70b-vs-llama-3-1-8b.md", text => text.Replace(from, to, StringComparison.Ordinal));

    private static async Task IncrementalEqualsClean(string input, Func<string, string> edit)
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var templates = temp.Copy(TestPaths.Templates, "templates");
        async Task Build(string output) => (await CliRunner.RunAsync("build", "--content", content, "--out", output, "--templates", templates)).ExitCode.ShouldBe(0, input);

        await Build(temp["incremental"]);
        var path = Path.Combine(temp.Root, input);
        var before = File.ReadAllText(path);
        var after = edit(before);
        after.ShouldNotBe(before, "no edit found for " + input);
        File.WriteAllText(path, after);

        await Build(temp["incremental"]);
        await Build(temp["clean"]);

        var incremental = Files(temp["incremental"]);
        var clean = Files(temp["clean"]);
        incremental.Keys.ShouldBe(clean.Keys, ignoreOrder: true, input);
        // Pages before the manifests that summarise them, so a failure names the stale page.
        foreach (var (file, bytes) in clean.OrderBy(f => f.Key.StartsWith('.')).ThenBy(f => f.Key, StringComparer.Ordinal))
        {
            incremental[file].SequenceEqual(bytes).ShouldBeTrue(input + " left " + file + " stale");
        }
    }

    /// <summary>
    /// An edit that changes what the input says: a data value moved by 1% (whole numbers by one), a post's
    /// paragraph, a template's text node, an asset's trailing comment.
    /// </summary>
    private static string Edit(string input, string text)
    {
        if (input.EndsWith(".yaml", StringComparison.Ordinal))
        {
            if (text.Contains("\nversion: \"", StringComparison.Ordinal))
            {
                return text.Replace("\nversion: \"", "\nversion: \"edited ", StringComparison.Ordinal); // an engine file
            }

            // The value a page shows of each kind of file: a model's context, a GPU's bandwidth, a price, a measured ITL, else the first value.
            var match = Values().Select(r => r.Match(text)).FirstOrDefault(m => m.Success);
            if (match is not null)
            {
                var number = match.Groups["n"].Value;
                var edited = number.Contains('.', StringComparison.Ordinal)
                    ? (double.Parse(number, CultureInfo.InvariantCulture) * 1.01).ToString("0.####", CultureInfo.InvariantCulture)
                    : (long.Parse(number, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
                return text[..match.Groups["n"].Index] + edited + text[(match.Groups["n"].Index + number.Length)..];
            }
        }

        return input switch
        {
            _ when input.EndsWith(".md", StringComparison.Ordinal) => text.TrimEnd() + "\n\nOne more paragraph.\n",
            _ when input.EndsWith(".html", StringComparison.Ordinal) => text.Contains("</h1>", StringComparison.Ordinal)
                ? text.Replace("</h1>", " (edited)</h1>", StringComparison.Ordinal)
                : text + "\n<!-- edited -->\n",
            _ when input.EndsWith(".css", StringComparison.Ordinal) || input.EndsWith(".js", StringComparison.Ordinal) => text + "\n/* edited */\n",
            _ => text + "\n# edited\n",
        };
    }

    /// <summary>Every file of a build by its relative path, but the build state (it records timings and the previous fingerprints).</summary>
    private static Dictionary<string, byte[]> Files(string root)
        => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != ".reports/build.json")
            .ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(root, f)), StringComparer.Ordinal);

    private static IEnumerable<Regex> Values() => [Context(), Bandwidth(), Price(), MeasuredItl(), Value()];

    [GeneratedRegex(@"\ncontext: \{ value: (?<n>[0-9]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Context();

    [GeneratedRegex(@"\nbandwidth: \{ value: (?<n>[0-9]+(\.[0-9]+)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Bandwidth();

    [GeneratedRegex(@"\binput: (?<n>[0-9]+(\.[0-9]+)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Price();

    [GeneratedRegex(@"\bitl_ms: (?<n>[0-9]+(\.[0-9]+)?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MeasuredItl();

    [GeneratedRegex(@"\bvalue: (?<n>[0-9]+(\.[0-9]+)?)\b(?!-)", RegexOptions.CultureInvariant)]
    private static partial Regex Value();
}
