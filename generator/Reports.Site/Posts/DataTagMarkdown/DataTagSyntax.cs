using System.Text;

namespace Reports.Site.Posts;

/// <summary>
/// A data tag as written: <c>{{ name "argument" 8 ["a", "b"] }}</c>. Arguments are double-quoted strings (with \" and
/// \\ escapes), plain numbers, or lists of strings in square brackets; nothing else, so a tag is data and never code.
/// </summary>
public sealed record DataTagCall(string Name, IReadOnlyList<object> Arguments, int NameOffset);

/// <summary>Reads one data tag from text, or says where it stops making sense.</summary>
public static class DataTagSyntax
{
    /// <summary>
    /// Reads the tag that starts at <paramref name="start"/> (at its "{{") and ends at the first "}}" before
    /// <paramref name="end"/>. Returns the call and the index just past "}}", or an error and the offset it concerns.
    /// </summary>
    public static (DataTagCall? Call, int Next, string? Error, int ErrorOffset) Read(string text, int start, int end)
    {
        var i = start + 2;
        SkipSpaces(text, ref i, end);
        var nameStart = i;
        while (i < end && (char.IsAsciiLetterLower(text[i]) || text[i] == '_'))
        {
            i++;
        }

        if (i == nameStart)
        {
            return (null, 0, "a data tag starts with its name, like {{ spec \"model\" \"fact\" }}.", nameStart);
        }

        var name = text[nameStart..i];
        var arguments = new List<object>();
        while (true)
        {
            SkipSpaces(text, ref i, end);
            if (i + 1 < end && text[i] == '}' && text[i + 1] == '}')
            {
                return (new DataTagCall(name, arguments, nameStart - start), i + 2, null, 0);
            }

            if (i >= end)
            {
                return (null, 0, "the data tag '" + name + "' is not closed by '}}'.", nameStart);
            }

            if (text[i] == '"')
            {
                var (value, next, error) = String(text, i, end);
                if (error is not null)
                {
                    return (null, 0, error, i);
                }

                arguments.Add(value!);
                i = next;
            }
            else if (char.IsAsciiDigit(text[i]))
            {
                var numberStart = i;
                while (i < end && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                arguments.Add(text[numberStart..i]);
            }
            else if (text[i] == '[')
            {
                var items = new List<string>();
                i++;
                while (true)
                {
                    SkipSpaces(text, ref i, end);
                    if (i < end && text[i] == ']')
                    {
                        i++;
                        break;
                    }

                    if (i >= end || text[i] != '"')
                    {
                        return (null, 0, "a list in a data tag holds quoted strings, like [\"a\", \"b\"].", Math.Min(i, end));
                    }

                    var (value, next, error) = String(text, i, end);
                    if (error is not null)
                    {
                        return (null, 0, error, i);
                    }

                    items.Add(value!);
                    i = next;
                    SkipSpaces(text, ref i, end);
                    if (i < end && text[i] == ',')
                    {
                        i++;
                    }
                }

                arguments.Add(items);
            }
            else
            {
                return (null, 0, "the data tag '" + name + "' takes quoted strings, numbers and [lists] of strings; '" + text[i] + "' is none of them.", i);
            }
        }
    }

    private static (string? Value, int Next, string? Error) String(string text, int quote, int end)
    {
        var value = new StringBuilder();
        for (var i = quote + 1; i < end; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return (value.ToString(), i + 1, null);
            }

            if (c == '\n')
            {
                break;
            }

            if (c == '\\' && i + 1 < end && text[i + 1] is '"' or '\\')
            {
                i++;
                c = text[i];
            }

            value.Append(c);
        }

        return (null, 0, "a string in a data tag is not closed by '\"' on its line.");
    }

    private static void SkipSpaces(string text, ref int i, int end)
    {
        while (i < end && text[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }
    }
}
