using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Reports.Specs.Content;

namespace Reports.SpecGenerator.Emit;

/// <summary>
/// Writes a content record as a C# expression that rebuilds it: <c>new ModelData { Name = "...", ... }</c>.
/// Properties equal to the record's defaults are left out, which keeps the generated code small.
/// </summary>
internal static class CSharpLiteral
{
    public static void Write(StringBuilder builder, object? value, Type type, int indent)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            builder.Append(underlying is not null || !type.IsValueType ? "null" : "default");
            return;
        }

        type = underlying ?? type;
        switch (value)
        {
            case string text:
                builder.Append(SymbolDisplay.FormatLiteral(text, quote: true));
                return;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                return;
            case int number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                return;
            case long number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture)).Append('L');
                return;
            case double number:
                builder.Append(number.ToString("R", CultureInfo.InvariantCulture)).Append('d');
                return;
            case ContentDate date:
                builder.Append("new global::Reports.Specs.Content.ContentDate(")
                    .Append(date.Year.ToString(CultureInfo.InvariantCulture)).Append(", ")
                    .Append(date.Month.ToString(CultureInfo.InvariantCulture)).Append(", ")
                    .Append(date.Day.ToString(CultureInfo.InvariantCulture)).Append(')');
                return;
            case SourceLink link:
                builder.Append("new global::Reports.Specs.Content.SourceLink(")
                    .Append(SymbolDisplay.FormatLiteral(link.Key, quote: true)).Append(", ")
                    .Append(SymbolDisplay.FormatLiteral(link.Url, quote: true)).Append(')');
                return;
            case IContentId id:
                builder.Append("new ").Append(TypeName(type)).Append('(').Append(SymbolDisplay.FormatLiteral(id.Value, quote: true)).Append(')');
                return;
        }

        if (type.IsEnum)
        {
            builder.Append(TypeName(type)).Append('.').Append(Enum.GetName(type, value));
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            WriteArray(builder, (IEnumerable)value, type.GetGenericArguments()[0], indent);
            return;
        }

        WriteRecord(builder, value, type, indent);
    }

    public static string TypeName(Type type)
    {
        if (type == typeof(string))
        {
            return "string";
        }

        if (type == typeof(int))
        {
            return "int";
        }

        if (type == typeof(long))
        {
            return "long";
        }

        if (type == typeof(double))
        {
            return "double";
        }

        if (type == typeof(bool))
        {
            return "bool";
        }

        if (type.IsGenericType)
        {
            var name = type.GetGenericTypeDefinition().FullName!;
            name = name.Substring(0, name.IndexOf('`'));
            return "global::" + name + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return "global::" + type.FullName!.Replace('+', '.');
    }

    private static void WriteArray(StringBuilder builder, IEnumerable items, Type elementType, int indent)
    {
        var list = items.Cast<object?>().ToList();
        builder.Append("new ").Append(TypeName(typeof(EquatableArray<>).MakeGenericType(elementType))).Append("(new ").Append(TypeName(elementType)).Append("[]");
        if (list.Count == 0)
        {
            builder.Append(" { })");
            return;
        }

        builder.Append("\n").Append(' ', indent).Append("{\n");
        foreach (var item in list)
        {
            builder.Append(' ', indent + 4);
            Write(builder, item, elementType, indent + 4);
            builder.Append(",\n");
        }

        builder.Append(' ', indent).Append("})");
    }

    private static void WriteRecord(StringBuilder builder, object value, Type type, int indent)
    {
        var defaults = Activator.CreateInstance(type);
        builder.Append("new ").Append(TypeName(type)).Append("\n").Append(' ', indent).Append("{\n");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
                     .OrderBy(p => p.MetadataToken))
        {
            var current = property.GetValue(value);
            if (Equals(current, property.GetValue(defaults)))
            {
                continue;
            }

            builder.Append(' ', indent + 4).Append(property.Name).Append(" = ");
            Write(builder, current, property.PropertyType, indent + 4);
            builder.Append(",\n");
        }

        builder.Append(' ', indent).Append('}');
    }
}
