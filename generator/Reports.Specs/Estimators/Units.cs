using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Unit conversions. GB is 10^9 bytes, GiB 2^30: the content says which it uses.</summary>
public static class Units
{
    public const double Gb = SizeUnits.Gb;
    public const double Gib = SizeUnits.Gib;

    public static double Bytes(double value, string unit) => SizeUnits.Bytes(value, unit) ?? throw new ArgumentException("Not a size unit: " + unit);

    public static double BytesPerSecond(Quantity bandwidth) => bandwidth.Unit switch
    {
        "GB/s" => bandwidth.Value * 1e9,
        "TB/s" => bandwidth.Value * 1e12,
        _ => throw new ArgumentException("Not a bandwidth unit: " + bandwidth.Unit),
    };

    /// <summary>An accelerator's memory in bytes: the driver-reported total where it is sourced, else the marketed figure.</summary>
    public static double MemoryBytes(GpuData gpu) => Bytes(MemoryFact(gpu));

    private static double Bytes(Quantity size) => Bytes(size.Value, size.Unit);

    /// <summary>The fact <see cref="MemoryBytes"/> reads.</summary>
    public static Quantity MemoryFact(GpuData gpu) => gpu.DeviceMemory ?? gpu.Memory;

    /// <summary>
    /// Apple's machines: macOS, Metal and MLX. Not every unified-memory machine is one: NVIDIA's DGX Spark runs CUDA on Linux
    /// and AMD's Ryzen AI Max+ 395 ROCm or Vulkan.
    /// </summary>
    public static bool IsApple(GpuData gpu) => gpu.Vendor == "Apple";

    /// <summary>
    /// Whether engines launch a step's kernels one by one from the host outside a captured graph (CUDA, HIP and Metal GPUs). Google's
    /// TPUs (XLA), AWS's Trainium and Inferentia (Neuron) and Intel's Gaudi (HPU graphs) run prompts as graphs compiled ahead.
    /// </summary>
    public static bool LaunchesFromHost(GpuData gpu) => gpu.Vendor is "NVIDIA" or "AMD" or "Apple";

    /// <summary>Dense peak FLOP/s for the math a setup's weights run in on its engine (<see cref="MathPrecision"/>), or null when no figure is sourced.</summary>
    public static (double FlopsPerSecond, string Precision, Sourced<double> Fact)? DensePeak(Setup setup) => DensePeak(setup.Gpu, MathPrecision(setup.Engine, setup.Precision));

    /// <summary>
    /// The precision whose tensor rate an engine's weight math runs at. llama.cpp multiplies quantized weights after
    /// unpacking them (its MMQ kernels on INT8 tensor cores, cuBLAS in 16 bits) and had no FP8 or FP4 tensor math in the builds
    /// the corpus measured: native MXFP4 on Blackwell came with ggml-org/llama.cpp#17906 (December 2025), which says Blackwell's
    /// 4-bit instruction "advertises 2x throughput compared to int8 tensor cores". So its formats take a 16-bit rate, as
    /// weight-only INT4 does on every engine; the serving engines run FP8 and FP4 weights on those tensor cores.
    /// Which 16-bit rate: llama.cpp's cuBLAS path (ggml_cuda_mul_mat_cublas, ggml-cuda.cu at 00108827d879) multiplies F16
    /// and unpacked quantized weights as F16 with CUBLAS_COMPUTE_16F, FP16 accumulation, and BF16 weights with FP32
    /// accumulation. GeForce cards run FP16 accumulation at twice their FP32-accumulate rate (the catalog's fp16 and bf16
    /// figures); datacenter and workstation parts run both at one rate.
    /// </summary>
    public static Precision MathPrecision(ServingEngine engine, Precision precision)
        => engine != ServingEngine.Llamacpp ? precision : precision == Precision.Bf16 ? Precision.Bf16 : Precision.Fp16;

    /// <summary>Dense peak FLOP/s for the math a precision runs in, or null when no figure is sourced.</summary>
    public static (double FlopsPerSecond, string Precision, Sourced<double> Fact)? DensePeak(GpuData gpu, Precision precision)
    {
        var c = gpu.Compute;
        if (c is null)
        {
            return null;
        }

        // FP8 and INT8 weights run FP8/INT8 tensor math where the GPU has it. NVFP4 and MXFP4 run FP4
        // tensor math on parts that have it (Blackwell, MI355X); elsewhere they are weight-only formats,
        // like INT4, that dequantize to 16-bit math and so use the BF16 (or FP16) rate.
        var choices = precision switch
        {
            Precision.Nvfp4 or Precision.Mxfp4 when c.Fp4 is not null => new (string, Sourced<double>?)[] { ("fp4", c.Fp4) },
            Precision.Fp8 => new[] { ("fp8", c.Fp8), ("bf16", c.Bf16), ("fp16", c.Fp16) },
            Precision.Int8 => new[] { ("int8", c.Int8), ("fp8", c.Fp8), ("bf16", c.Bf16), ("fp16", c.Fp16) },
            Precision.Fp16 => new[] { ("fp16", c.Fp16), ("bf16", c.Bf16) },
            _ => new[] { ("bf16", c.Bf16), ("fp16", c.Fp16) },
        };
        foreach (var (name, fact) in choices)
        {
            if (fact is not null)
            {
                return (fact.Value * 1e12, name, fact);
            }
        }

        return null;
    }

    public static string Name(Precision precision) => precision.ToString().ToLowerInvariant();

    /// <summary>How a weight format is written on pages: FP8, NVFP4, GGUF.</summary>
    public static string FormatName(WeightFormat format) => format.ToString().ToUpperInvariant();

    public static string Name(ServingEngine engine) => engine.ToString().ToLowerInvariant();

    public static string Name(SpeculationMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>A kind of model as the content names it: "dense", "moe".</summary>
    public static string Name(ModelKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParsePrecision(string text, out Precision precision)
    {
        foreach (var value in Enum.GetValues<Precision>())
        {
            if (Name(value) == text.Trim().ToLowerInvariant())
            {
                precision = value;
                return true;
            }
        }

        precision = default;
        return false;
    }
}
