using System.Text.RegularExpressions;
using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// Whether two published scores on one benchmark were measured the same way. Vendors publish base
/// models few-shot and instruct models zero-shot; subtracting one from the other (a base 4-shot MATH
/// score from an instruct 0-shot one) compares the setting, not the model.
/// </summary>
public static partial class ScoreSetting
{
    /// <summary>
    /// "5-shot|base", "0-shot cot|instruct": the shots and the variant a setting names, or null when it
    /// does not name both (a score without them is comparable only with one of the same wording).
    /// </summary>
    public static string? Key(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        var text = setting.ToLowerInvariant();
        var shots = Shots().Match(text);
        var variant = Base().IsMatch(text) ? "base" : Instruct().IsMatch(text) ? "instruct" : null;
        return shots.Success && variant is not null ? shots.Groups["n"].Value + "-shot" + (shots.Groups["cot"].Success ? " cot" : "") + "|" + variant : null;
    }

    /// <summary>The group a score ranks in: its shots and variant, or its exact wording when it does not name both.</summary>
    public static string Group(string? setting) => Key(setting) ?? "as worded: " + setting;

    /// <summary>Same shots and variant, or the same wording: a difference between the two scores means something.</summary>
    public static bool Comparable(ScoreData a, ScoreData b) => Group(a.Setting) == Group(b.Setting);

    [GeneratedRegex(@"\b(?<n>\d+)-shot(?<cot> cot)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Shots();

    [GeneratedRegex(@"\b(base|pretrained)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Base();

    [GeneratedRegex(@"\b(instruct|chat)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Instruct();
}
