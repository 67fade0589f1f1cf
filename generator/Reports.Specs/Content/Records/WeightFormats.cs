namespace Reports.Specs.Content;

/// <summary>The one reading of a checkpoint's format: validation and engine support both ask here.</summary>
public static class WeightFormats
{
    /// <summary>What <c>checkpoints[].format</c> may say: gguf-&lt;quant type&gt;, awq, gptq, fp8, nvfp4 or mxfp4.</summary>
    public const string Rule = "gguf-<type> (e.g. gguf-q4_k_m, gguf-q8_0), awq, gptq, fp8, nvfp4 or mxfp4";

    /// <summary>The format family a checkpoint's <c>format</c> names, or null when it names none.</summary>
    public static WeightFormat? Parse(string format)
    {
        if (format.StartsWith("gguf-", System.StringComparison.Ordinal) && format.Length > 5 && IsQuantType(format.Substring(5)))
        {
            return WeightFormat.Gguf;
        }

        return format switch
        {
            "awq" => WeightFormat.Awq,
            "gptq" => WeightFormat.Gptq,
            "fp8" => WeightFormat.Fp8,
            "nvfp4" => WeightFormat.Nvfp4,
            "mxfp4" => WeightFormat.Mxfp4,
            _ => null,
        };
    }

    /// <summary>The format a checkpoint is published in: its stated format, else what its precision implies (BF16 and FP16 are none).</summary>
    public static WeightFormat? Of(CheckpointData checkpoint)
    {
        if (checkpoint.Format is { } format)
        {
            return Parse(format);
        }

        return checkpoint.Precision switch
        {
            Precision.Fp8 => WeightFormat.Fp8,
            Precision.Nvfp4 => WeightFormat.Nvfp4,
            Precision.Mxfp4 => WeightFormat.Mxfp4,
            _ => null,
        };
    }

    /// <summary>
    /// A checkpoint that is the model at a precision rather than one engine's file format: no format, or the
    /// precision's own (the vendor's FP8, NVFP4, MXFP4). Memory estimates read only these; a GGUF or AWQ file
    /// is one engine's variant, often without the vision encoder, and is listed, not assumed.
    /// </summary>
    public static bool IsPlainPrecision(CheckpointData checkpoint)
        => checkpoint.Format is null || Parse(checkpoint.Format) is { } format && format switch
        {
            WeightFormat.Fp8 => checkpoint.Precision == Precision.Fp8,
            WeightFormat.Nvfp4 => checkpoint.Precision == Precision.Nvfp4,
            WeightFormat.Mxfp4 => checkpoint.Precision == Precision.Mxfp4,
            _ => false,
        };

    private static bool IsQuantType(string type)
    {
        foreach (var c in type)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
