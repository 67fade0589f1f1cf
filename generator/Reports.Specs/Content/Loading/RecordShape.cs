using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Reports.Specs.Content.Loading;

/// <summary>What the binder needs to know of one schema property, read by reflection once.</summary>
internal sealed class PropertyShape
{
    public PropertyShape(PropertyInfo property)
    {
        Property = property;
        Required = Attribute.IsDefined(property, typeof(RequiredAttribute));
        SourceRef = Attribute.IsDefined(property, typeof(SourceRefAttribute));
        Url = Attribute.IsDefined(property, typeof(UrlAttribute));
        Units = property.GetCustomAttribute<UnitsAttribute>();
        Min = property.GetCustomAttribute<MinAttribute>();
        Max = property.GetCustomAttribute<MaxAttribute>();
    }

    public PropertyInfo Property { get; }

    public bool Required { get; }

    public bool SourceRef { get; }

    public bool Url { get; }

    public UnitsAttribute? Units { get; }

    public MinAttribute? Min { get; }

    public MaxAttribute? Max { get; }
}

/// <summary>
/// A content record's writable properties by their YAML (snake_case) names, with their schema
/// attributes. Reflecting over a type for every record of every file cost the generator more than
/// parsing the YAML; the shapes of the whole schema are read once, when the binder is first used.
/// </summary>
internal sealed class RecordShape
{
    private static readonly IReadOnlyDictionary<Type, RecordShape> Schema = Walk(
        typeof(ModelData), typeof(GpuData), typeof(ProviderData), typeof(BenchmarkData), typeof(MeasurementData), typeof(SiteData));

    private RecordShape(Type type)
    {
        Properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => YamlBinder.SnakeCase(p.Name), p => new PropertyShape(p), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, PropertyShape> Properties { get; }

    /// <summary>The schema's shape for a record type; a type outside the schema is read on the spot.</summary>
    public static RecordShape For(Type type) => Schema.TryGetValue(type, out var shape) ? shape : new RecordShape(type);

    /// <summary>Every record type reachable from the roots through properties, nullables and arrays.</summary>
    private static Dictionary<Type, RecordShape> Walk(params Type[] roots)
    {
        var shapes = new Dictionary<Type, RecordShape>();
        var pending = new Stack<Type>(roots);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (shapes.ContainsKey(type))
            {
                continue;
            }

            var shape = new RecordShape(type);
            shapes[type] = shape;
            foreach (var property in shape.Properties.Values)
            {
                foreach (var candidate in Components(property.Property.PropertyType))
                {
                    if (candidate.IsClass && candidate != typeof(string) && candidate.GetConstructor(Type.EmptyTypes) is not null)
                    {
                        pending.Push(candidate);
                    }
                }
            }
        }

        return shapes;
    }

    private static IEnumerable<Type> Components(Type type)
    {
        yield return Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            yield return type.GetElementType()!;
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
        {
            foreach (var inner in Components(argument))
            {
                yield return inner;
            }
        }
    }
}
