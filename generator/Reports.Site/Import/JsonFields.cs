using System.Globalization;
using System.Text.Json;

namespace Reports.Site.Import;

/// <summary>Typed reads of one JSON object, each failure naming the file and the key.</summary>
internal readonly record struct JsonFields(string File, JsonElement Object, string Prefix = "")
{
    public bool Has(string key) => Object.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null;

    public int Int(string key) => OptionalInt(key) ?? throw Missing(key);

    public int? OptionalInt(string key)
    {
        if (OptionalLong(key) is not { } value)
        {
            return null;
        }

        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Wrong(key, "a whole number that fits 32 bits");
    }

    public long? OptionalLong(string key)
    {
        if (!Object.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Wrong(key, "a whole number");
    }

    public bool? OptionalBool(string key)
    {
        if (!Object.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(key, "true or false"),
        };
    }

    public double? OptionalDouble(string key)
    {
        if (!Object.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Wrong(key, "a number");
    }

    public string? OptionalString(string key)
    {
        if (!Object.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(key, "a string");
    }

    public JsonFields? OptionalObject(string key)
    {
        if (!Object.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? new JsonFields(File, value, Prefix + key + ".") : throw Wrong(key, "an object");
    }

    public IReadOnlyList<string>? OptionalStrings(string key)
    {
        if (!Object.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw Wrong(key, "a list of strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public ImportInputException Missing(string key) => new(File, "'" + Prefix + key + "' is missing.");

    private ImportInputException Wrong(string key, string expected)
    {
        Object.TryGetProperty(key, out var value);
        var found = value.ValueKind == JsonValueKind.String ? "\"" + value.GetString() + "\"" : value.GetRawText();
        return new ImportInputException(File, "'" + Prefix + key + "' must be " + expected + ", found " + (found.Length > 60 ? found[..60] + "..." : found) + ".");
    }

    public static JsonDocument Parse(string file, string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? " at line " + (line + 1).ToString(CultureInfo.InvariantCulture) : "";
            throw new ImportInputException(file, "not valid JSON" + where + ": " + exception.Message);
        }
    }
}
