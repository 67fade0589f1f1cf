using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Reports.Site.Rendering;

/// <summary>
/// Member access for the records and anonymous objects page models hand to templates. Scriban's own
/// accessor reflects over a type once per render and reads every property through
/// <see cref="MethodInfo.Invoke(object, object[])"/>, which emits an invoke stub that the runtime
/// later throws away and rebuilds; a thousand pages paid for that many times over. Here each type's
/// getters become typed delegates once per template set, shared by every render on every thread.
/// </summary>
public sealed class MemberAccessors
{
    private readonly ConcurrentDictionary<Type, IObjectAccessor?> _byType = new();

    /// <summary>The compiled accessor for a plain object's type, or null for what Scriban handles natively.</summary>
    public IObjectAccessor? For(object target) => _byType.GetOrAdd(target.GetType(), Create);

    /// <summary>A page model's properties by the names templates use ("CostMonth" -> cost_month): the page's top-level variables.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Variables(object model)
        => For(model) is CompiledAccessor accessor
            ? accessor.Getters.Select(g => KeyValuePair.Create(g.Key, g.Value(model)))
            : throw new ArgumentException("a page model is a record of named values, not a " + model.GetType().Name, nameof(model));

    private static IObjectAccessor? Create(Type type)
    {
        // Strings, numbers, script objects, dictionaries and lists keep Scriban's own accessors.
        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum
            || typeof(IScriptObject).IsAssignableFrom(type) || typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var getters = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is { IsPublic: true } getter && property.GetIndexParameters().Length == 0 && !Ignored(property))
            {
                getters.TryAdd(TemplateName(property.Name), Compile(type, property.PropertyType, getter));
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!Ignored(field))
            {
                getters.TryAdd(TemplateName(field.Name), field.GetValue);
            }
        }

        return new CompiledAccessor(getters.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// The name a template uses for a member: snake_case as Scriban's standard renamer makes it ("CostMonth" ->
    /// cost_month, "P90" -> p90), except that a capital between a capital and a small letter starts a word, so
    /// a one-letter word keeps its own ("ASetting" -> a_setting, where the standard renamer gives asetting).
    /// </summary>
    public static string TemplateName(string member)
    {
        var name = new System.Text.StringBuilder(member.Length + 4);
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            if (char.IsUpper(c))
            {
                var previousUpper = i > 0 && char.IsUpper(member[i - 1]);
                var startsWord = i > 0 && (!previousUpper || (i + 1 < member.Length && char.IsLower(member[i + 1])));
                if (startsWord)
                {
                    name.Append('_');
                }

                name.Append(char.ToLowerInvariant(c));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }

    private static bool Ignored(MemberInfo member) => member.GetCustomAttribute<ScriptMemberIgnoreAttribute>() is not null;

    private static Func<object, object?> Compile(Type target, Type value, MethodInfo getter)
    {
        var factory = target.IsValueType ? nameof(StructGetter) : nameof(ClassGetter);
        return (Func<object, object?>)typeof(MemberAccessors).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(target, value)
            .Invoke(null, [getter])!;
    }

    private delegate TValue RefGetter<TTarget, TValue>(ref TTarget target);

    private static Func<object, object?> ClassGetter<TTarget, TValue>(MethodInfo getter)
        where TTarget : class
    {
        var read = getter.CreateDelegate<Func<TTarget, TValue>>();
        return target => read((TTarget)target);
    }

    private static Func<object, object?> StructGetter<TTarget, TValue>(MethodInfo getter)
        where TTarget : struct
    {
        var read = getter.CreateDelegate<RefGetter<TTarget, TValue>>();
        return target =>
        {
            var copy = (TTarget)target;
            return read(ref copy);
        };
    }

    /// <summary>Read-only access by snake_case member name; templates never write into page values.</summary>
    private sealed class CompiledAccessor(FrozenDictionary<string, Func<object, object?>> getters) : IObjectAccessor
    {
        public FrozenDictionary<string, Func<object, object?>> Getters => getters;

        public bool HasIndexer => false;

        public Type? IndexType => null;

        public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => getters.Count;

        public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => getters.Keys;

        public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => getters.ContainsKey(member);

        public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value)
        {
            if (getters.TryGetValue(member, out var get))
            {
                value = get(target);
                return true;
            }

            value = null;
            return false;
        }

        public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

        public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value)
        {
            value = null;
            return false;
        }

        public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;
    }
}
