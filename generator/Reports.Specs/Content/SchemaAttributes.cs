using System;

namespace Reports.Specs.Content;

/// <summary>The key must be present in the YAML mapping.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute
{
}

/// <summary>The smallest value a number may take (inclusive unless <see cref="Exclusive"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinAttribute(double value) : Attribute
{
    public double Value { get; } = value;

    public bool Exclusive { get; set; }
}

/// <summary>The largest value a number may take (inclusive).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}

/// <summary>The units a <see cref="Quantity"/> may be written in.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UnitsAttribute(params string[] units) : Attribute
{
    public string[] Units { get; } = units;
}

/// <summary>The string is a reference to a source: a key of the file's <c>sources</c> map or an https URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SourceRefAttribute : Attribute
{
}

/// <summary>The string must be an absolute http(s) URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UrlAttribute : Attribute
{
}
