using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Reports.Specs.Content.Loading;

/// <summary>
/// Binds a YAML node tree to the content records by their property names (snake_case in YAML),
/// reporting every problem with its line and column instead of stopping at the first.
/// The records' attributes are the schema: [Required], [Min], [Units], [SourceRef], [Url].
/// </summary>
internal sealed class YamlBinder
{
    private readonly string _path;
    private readonly List<ContentDiagnostic> _diagnostics;
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private readonly List<(string Value, Position At)> _sourceRefs = new();
    private readonly HashSet<string> _sourceKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unbound = new(StringComparer.Ordinal);

    public YamlBinder(string path, List<ContentDiagnostic> diagnostics)
    {
        _path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>Where each bound field's value starts, keyed by its dotted path ("architecture.kv_heads").</summary>
    public IReadOnlyDictionary<string, Position> Positions => _positions;

    public T? BindRoot<T>(YamlMappingNode root)
        where T : class
        => BindRecord(root, typeof(T), "") as T;

    /// <summary>Checks that every src names a key of the file's sources map or is a URL.</summary>
    public void CheckSourceReferences()
    {
        foreach (var (value, at) in _sourceRefs)
        {
            if (IsUrl(value) || _sourceKeys.Contains(value))
            {
                continue;
            }

            Report(
                DiagnosticIds.MissingSource,
                at,
                "source '" + TextRules.Shorten(value) + "' is not a key of this file's 'sources' map nor an https URL."
                    + (_sourceKeys.Count == 0 ? " The file has no 'sources' map." : Suggest.DidYouMean(value, _sourceKeys)));
        }
    }

    public static bool IsUrl(string value) => TextRules.IsHttpUrl(value);

    /// <summary>How a YAML file spells an enum member: TensorParallel is tensor-parallel.</summary>
    public static string EnumName(string member) => SnakeCase(member).Replace("_", "-");

    public static string SnakeCase(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Position At(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    private void Report(string id, Position at, string message)
        => _diagnostics.Add(new ContentDiagnostic(id, DiagnosticSeverity.Error, _path, at.Line, at.Column, message));

    private static string Describe(string fieldPath) => fieldPath.Length == 0 ? "the file" : "'" + fieldPath + "'";

    private static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private object? BindRecord(YamlNode node, Type type, string fieldPath)
    {
        if (node is not YamlMappingNode mapping)
        {
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be a mapping of keys to values, found " + Found(node) + ".");
            return null;
        }

        var instance = Activator.CreateInstance(type)!;
        var properties = RecordShape.For(type).Properties;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode keyNode || keyNode.Value is null)
            {
                Report(DiagnosticIds.WrongType, At(entry.Key), "keys in " + Describe(fieldPath) + " must be plain names.");
                continue;
            }

            var key = keyNode.Value;
            if (!properties.TryGetValue(key, out var property))
            {
                Report(
                    DiagnosticIds.UnknownKey,
                    At(keyNode),
                    "unknown key '" + TextRules.Shorten(key) + "' in " + Describe(fieldPath) + "." + Suggest.DidYouMean(key, properties.Keys)
                        + " Known keys: " + string.Join(", ", properties.Keys.OrderBy(k => k, StringComparer.Ordinal)) + ".");
                continue;
            }

            seen.Add(key);
            var childPath = Join(fieldPath, key);
            _positions[childPath] = At(entry.Value);
            if (IsNull(entry.Value))
            {
                if (property.Required)
                {
                    ReportMissing(type, key, fieldPath, At(entry.Value));
                }

                continue;
            }

            var (ok, value) = BindValue(entry.Value, property.Property.PropertyType, childPath, property);
            if (ok)
            {
                property.Property.SetValue(instance, value);
            }
            else
            {
                _unbound.Add(childPath);
            }
        }

        foreach (var pair in properties)
        {
            if (!seen.Contains(pair.Key) && pair.Value.Required)
            {
                ReportMissing(type, pair.Key, fieldPath, At(mapping));
            }
        }

        return instance;
    }

    private void ReportMissing(Type type, string key, string fieldPath, Position at)
    {
        if (key is "src" or "source")
        {
            Report(DiagnosticIds.MissingSource, at, Describe(fieldPath) + " has no '" + key + "': every fact needs a source (a key of 'sources' or an https URL).");
        }
        else if (key == "date" && (type == typeof(PriceData) || type == typeof(RentalData)))
        {
            Report(DiagnosticIds.MissingDate, at, "the price in " + Describe(fieldPath) + " has no 'date': every price needs the YYYY-MM-DD day it was valid.");
        }
        else
        {
            Report(DiagnosticIds.MissingField, at, "missing required key '" + key + "' in " + Describe(fieldPath) + ".");
        }
    }

    private (bool Ok, object? Value) BindValue(YamlNode node, Type type, string fieldPath, PropertyShape? property)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return BindValue(node, underlying, fieldPath, property);
        }

        if (type == typeof(string))
        {
            return BindString(node, fieldPath, property);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double))
        {
            return BindNumber(node, type, fieldPath, property);
        }

        if (type == typeof(bool))
        {
            var text = Scalar(node, fieldPath, "true or false");
            if (text is null)
            {
                return (false, null);
            }

            if (text is "true" or "false")
            {
                return (true, text == "true");
            }

            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be true or false, found '" + text + "'.");
            return (false, null);
        }

        if (type == typeof(ContentDate))
        {
            var text = Scalar(node, fieldPath, "a date YYYY-MM-DD");
            if (text is null)
            {
                return (false, null);
            }

            if (ContentDate.TryParse(text, out var date))
            {
                return (true, date);
            }

            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be a date written YYYY-MM-DD, found '" + text + "'.");
            return (false, null);
        }

        if (type.IsEnum)
        {
            return BindEnum(node, type, fieldPath);
        }

        if (typeof(IContentId).IsAssignableFrom(type))
        {
            var text = Scalar(node, fieldPath, "an id");
            if (text is null)
            {
                return (false, null);
            }

            if (!Slug.IsValid(text))
            {
                Report(DiagnosticIds.BadSlug, At(node), Describe(fieldPath) + " '" + TextRules.Shorten(text) + "' is not a valid id: ids are lowercase letters and digits joined by single hyphens (" + Slug.Rule + ").");
                return (false, null);
            }

            return (true, Activator.CreateInstance(type, text));
        }

        if (type == typeof(EquatableArray<SourceLink>))
        {
            return BindSources(node, fieldPath);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            return BindArray(node, type, fieldPath);
        }

        if (type.IsClass)
        {
            var record = BindRecord(node, type, fieldPath);
            if (record is null)
            {
                return (false, null);
            }

            CheckRecord(record, node, fieldPath, property);
            return (true, record);
        }

        throw new InvalidOperationException("The content schema uses a type the binder does not know: " + type.FullName);
    }

    /// <summary>Rules that hang on a whole record: a quantity's unit, a sourced number's sign.</summary>
    private void CheckRecord(object record, YamlNode node, string fieldPath, PropertyShape? property)
    {
        if (record is Quantity quantity && property?.Units is { } units
            && quantity.Unit.Length > 0 && Array.IndexOf(units.Units, quantity.Unit) < 0)
        {
            var at = _positions.TryGetValue(fieldPath + ".unit", out var unitAt) ? unitAt : At(node);
            Report(DiagnosticIds.ImpossibleValue, at, Describe(fieldPath) + " has unit '" + quantity.Unit + "'; expected one of: " + string.Join(", ", units.Units) + ".");
        }

        var type = record.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Sourced<>))
        {
            var value = type.GetProperty(nameof(Sourced<int>.Value))!.GetValue(record);
            var isNumber = value is int or long or double;
            // A value already reported (a placeholder, a wrong type) reads as zero here; one error is enough.
            if (isNumber && !_unbound.Contains(fieldPath + ".value") && Convert.ToDouble(value, CultureInfo.InvariantCulture) <= 0)
            {
                var at = _positions.TryGetValue(fieldPath + ".value", out var valueAt) ? valueAt : At(node);
                Report(DiagnosticIds.ImpossibleValue, at, Describe(fieldPath) + " must be greater than zero, found " + Convert.ToString(value, CultureInfo.InvariantCulture) + ".");
            }
        }
    }

    /// <summary>No fact needs more; a longer string is a mistake or an attack on the build.</summary>
    public const int MaxStringLength = 20_000;

    private (bool Ok, object? Value) BindString(YamlNode node, string fieldPath, PropertyShape? property)
    {
        var text = Scalar(node, fieldPath, "text");
        if (text is null)
        {
            return (false, null);
        }

        if (text.Length > MaxStringLength)
        {
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " is " + text.Length.ToString("#,0", CultureInfo.InvariantCulture) + " characters long; the limit is " + MaxStringLength.ToString("#,0", CultureInfo.InvariantCulture) + ".");
            return (false, null);
        }

        if (TextRules.ControlCharacter(text) is { } control)
        {
            // NUL, ESC and the other C0 controls are invisible on a page, ill-formed in XML (the feed) and
            // rewrite a terminal that prints them; no fact needs one.
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " contains the control character U+" + ((int)control).ToString("X4", CultureInfo.InvariantCulture) + "; delete it.");
            return (false, null);
        }

        if (property?.SourceRef == true)
        {
            if (text.Trim().Length == 0)
            {
                Report(DiagnosticIds.MissingSource, At(node), Describe(fieldPath) + " is empty: every fact needs a source.");
                return (false, null);
            }

            _sourceRefs.Add((text, At(node)));
        }

        if (property?.Url == true && !IsUrl(text))
        {
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " must be an absolute http(s) URL, found '" + TextRules.Shorten(text) + "'.");
            return (false, null);
        }

        return (true, text);
    }

    /// <summary>The largest whole-number field without its own maximum (layers, heads, tokens, counts).</summary>
    public const double MaxCount = 1e8;

    /// <summary>The largest number without its own maximum (parameters, bytes, prices, FLOP/s in their units).</summary>
    public const double MaxQuantity = 1e15;

    private (bool Ok, object? Value) BindNumber(YamlNode node, Type type, string fieldPath, PropertyShape? property)
    {
        var expected = type == typeof(double) ? "a number" : "a whole number";
        var text = Scalar(node, fieldPath, expected);
        if (text is null)
        {
            return (false, null);
        }

        var cleaned = text.Replace("_", "");
        if (!double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be " + expected + ", found '" + TextRules.Shorten(text) + "'.");
            return (false, null);
        }

        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " must be a finite number, found '" + TextRules.Shorten(text) + "'.");
            return (false, null);
        }

        if (property?.Min is { } min
            && (min.Exclusive ? number <= min.Value : number < min.Value))
        {
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " must be " + (min.Exclusive ? "greater than " : "at least ") + min.Value.ToString(CultureInfo.InvariantCulture) + ", found " + TextRules.Shorten(text) + ".");
            return (false, null);
        }

        if (property?.Max is { } max && number > max.Value)
        {
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " must be at most " + max.Value.ToString(CultureInfo.InvariantCulture) + ", found " + TextRules.Shorten(text) + ".");
            return (false, null);
        }

        // Without a declared maximum, a number still has one: no count in this catalog exceeds 10^8 and
        // no quantity 10^15, so sums and products of them stay exact in long and double arithmetic.
        var ceiling = type == typeof(int) ? MaxCount : MaxQuantity;
        if (property?.Max is null && Math.Abs(number) > ceiling)
        {
            Report(DiagnosticIds.ImpossibleValue, At(node), Describe(fieldPath) + " must be at most " + ceiling.ToString("#,0", CultureInfo.InvariantCulture) + " in size, found " + TextRules.Shorten(text) + ".");
            return (false, null);
        }

        if (type == typeof(double))
        {
            return (true, number);
        }

        var limit = type == typeof(int) ? int.MaxValue : 9.0e15;
        if (number != Math.Floor(number) || Math.Abs(number) > limit)
        {
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be a whole number" + (type == typeof(int) ? " below 2^31" : "") + ", found '" + TextRules.Shorten(text) + "'.");
            return (false, null);
        }

        return type == typeof(int) ? (true, (object)(int)number) : (true, (object)(long)number);
    }

    private (bool Ok, object? Value) BindEnum(YamlNode node, Type type, string fieldPath)
    {
        var names = Enum.GetNames(type).Select(EnumName).ToArray();
        var text = Scalar(node, fieldPath, "one of " + string.Join(", ", names));
        if (text is null)
        {
            return (false, null);
        }

        var index = Array.IndexOf(names, text);
        if (index < 0)
        {
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be one of " + string.Join(", ", names) + ", found '" + TextRules.Shorten(text) + "'." + Suggest.DidYouMean(text, names));
            return (false, null);
        }

        return (true, Enum.GetValues(type).GetValue(index));
    }

    private (bool Ok, object? Value) BindSources(YamlNode node, string fieldPath)
    {
        if (node is not YamlMappingNode mapping)
        {
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must map short keys to URLs, found " + Found(node) + ".");
            return (false, null);
        }

        var links = new List<SourceLink>();
        foreach (var entry in mapping.Children)
        {
            var key = (entry.Key as YamlScalarNode)?.Value;
            var url = (entry.Value as YamlScalarNode)?.Value;
            if (key is not null && entry.Value is YamlScalarNode urlNode && IsPlaceholder(urlNode))
            {
                // The key stays known, so the facts citing it are not reported a second time.
                ReportPlaceholder(At(entry.Value), Join(fieldPath, key));
                _sourceKeys.Add(key);
                continue;
            }

            if (key is null || url is null || !IsUrl(url))
            {
                Report(DiagnosticIds.WrongType, At(entry.Value), "each entry of " + Describe(fieldPath) + " must be 'key: https://...', found " + Found(entry.Value) + ".");
                continue;
            }

            _sourceKeys.Add(key);
            links.Add(new SourceLink(key, url));
        }

        return (true, new EquatableArray<SourceLink>(links.ToArray()));
    }

    private (bool Ok, object? Value) BindArray(YamlNode node, Type type, string fieldPath)
    {
        var elementType = type.GetGenericArguments()[0];
        if (node is not YamlSequenceNode sequence)
        {
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be a list, found " + Found(node) + ".");
            return (false, null);
        }

        var items = new List<object?>();
        var index = 0;
        foreach (var child in sequence.Children)
        {
            // Each item has a place too, so a rule about one item (an unknown id in a list) points at it.
            var itemPath = fieldPath + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            _positions[itemPath] = At(child);
            var (ok, value) = BindValue(child, elementType, itemPath, null);
            if (ok)
            {
                items.Add(value);
            }

            index++;
        }

        var array = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        return (true, Activator.CreateInstance(type, array));
    }

    private string? Scalar(YamlNode node, string fieldPath, string expected)
    {
        if (!node.Tag.IsEmpty)
        {
            // !!binary, !!float and custom tags change what a value means; content is plain YAML.
            Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " carries the YAML tag '" + TextRules.Shorten(node.Tag.Value) + "'; write the value without a tag.");
            return null;
        }

        if (node is YamlScalarNode scalar && scalar.Value is not null)
        {
            if (IsPlaceholder(scalar))
            {
                ReportPlaceholder(At(node), fieldPath);
                return null;
            }

            return scalar.Value;
        }

        Report(DiagnosticIds.WrongType, At(node), Describe(fieldPath) + " must be " + expected + ", found " + Found(node) + ".");
        return null;
    }

    private static bool IsPlaceholder(YamlScalarNode scalar)
        => scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value == TextRules.Placeholder;

    private void ReportPlaceholder(Position at, string fieldPath)
        => Report(DiagnosticIds.Placeholder, at, Describe(fieldPath) + " is still the placeholder " + TextRules.Placeholder + ": replace it with a value read in a source and delete its TODO(author) comment.");

    private static bool IsNull(YamlNode node)
        => node is YamlScalarNode scalar
           && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
           && (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value is "~" or "null" or "Null" or "NULL");

    private static string Found(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => "'" + TextRules.Shorten(scalar.Value ?? "") + "'",
        _ => "something else",
    };
}

/// <summary>A 1-based line and column in a YAML file.</summary>
public readonly record struct Position(int Line, int Column);
