namespace Reports.Specs.Content;

/// <summary>An id of a catalog entity: a slug that is also its file name.</summary>
public interface IContentId
{
    string Value { get; }
}

public readonly record struct ModelId(string Value) : IContentId
{
    public override string ToString() => Value;
}

public readonly record struct GpuId(string Value) : IContentId
{
    public override string ToString() => Value;
}

public readonly record struct ProviderId(string Value) : IContentId
{
    public override string ToString() => Value;
}

public readonly record struct BenchmarkId(string Value) : IContentId
{
    public override string ToString() => Value;
}

public readonly record struct MeasurementId(string Value) : IContentId
{
    public override string ToString() => Value;
}

public readonly record struct EngineId(string Value) : IContentId
{
    public override string ToString() => Value;
}
