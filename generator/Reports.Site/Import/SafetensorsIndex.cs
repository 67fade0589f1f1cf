using System.Text.Json;

namespace Reports.Site.Import;

/// <summary>
/// What a model.safetensors.index.json says: the bytes of tensor data (metadata.total_size) and, in indexes
/// written by recent huggingface_hub versions, the parameter count (metadata.total_parameters). The exact
/// count otherwise needs every shard's header, which the index does not hold.
/// </summary>
public sealed record SafetensorsIndex(long TotalSize, long? TotalParameters, int Tensors, int Shards)
{
    public static SafetensorsIndex Read(string file, string text)
    {
        using var document = JsonFields.Parse(file, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ImportInputException(file, "a safetensors index is a JSON object with 'metadata' and 'weight_map'; this file is not an object.");
        }

        var root = new JsonFields(file, document.RootElement);
        var metadata = root.OptionalObject("metadata") ?? throw root.Missing("metadata");
        var totalSize = metadata.OptionalLong("total_size") ?? throw metadata.Missing("total_size");
        if (totalSize <= 0)
        {
            throw new ImportInputException(file, "'metadata.total_size' must be a positive number of bytes, found " + totalSize + ".");
        }

        if (!document.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            throw root.Missing("weight_map");
        }

        var shards = new HashSet<string>(StringComparer.Ordinal);
        var tensors = 0;
        foreach (var entry in map.EnumerateObject())
        {
            tensors++;
            shards.Add(entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : throw new ImportInputException(file, "'weight_map." + entry.Name + "' must name a shard file."));
        }

        return new SafetensorsIndex(totalSize, metadata.OptionalLong("total_parameters"), tensors, shards.Count);
    }

    /// <summary>Bytes per parameter of a checkpoint stored in one 16-bit type, the only case where size gives the count.</summary>
    public static int? BytesPerParameter(Reports.Specs.Content.Precision? precision)
        => precision is Reports.Specs.Content.Precision.Bf16 or Reports.Specs.Content.Precision.Fp16 ? 2 : null;
}
