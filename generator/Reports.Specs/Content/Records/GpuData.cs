namespace Reports.Specs.Content;

/// <summary>One accelerator: content/data/gpus/{id}.yaml.</summary>
public sealed record GpuData
{
    [Required]
    public GpuId Id { get; init; }

    [Required]
    public string Name { get; init; } = "";

    [Required]
    public string Vendor { get; init; } = "";

    /// <summary>Architecture generation (Hopper, Blackwell, CDNA 3, Apple M2 ...): the fit matrix groups by it.</summary>
    [Required]
    public string Generation { get; init; } = "";

    [Required]
    public GpuSegment Segment { get; init; }

    /// <summary>What the chip is: a GPU unless stated; TPUs and Trainium are not GPUs and pages say so.</summary>
    public AcceleratorKind Kind { get; init; }

    [Required]
    public ContentDate Verified { get; init; }

    [Required]
    public EquatableArray<SourceLink> Sources { get; init; } = EquatableArray<SourceLink>.Empty;

    public Sourced<int>? Released { get; init; }

    /// <summary>Memory as marketed.</summary>
    [Required]
    [Units("GB", "GiB")]
    public Quantity Memory { get; init; } = new();

    public Sourced<string>? MemoryType { get; init; }

    /// <summary>
    /// The device memory the driver reports, which is what an engine's allocator divides: a marketed "80 GB" is about
    /// 80 GiB, less what the driver reserves, and ECC on GDDR cards takes a further share. CUDA's or HIP's total global
    /// memory where it is sourced; otherwise nvidia-smi's framebuffer total, which runs 0.5-0.9% above CUDA's on the
    /// cards that have both. Capacity uses it when it is sourced, the marketed figure otherwise.
    /// </summary>
    [Units("B", "MiB")]
    public Quantity? DeviceMemory { get; init; }

    [Required]
    [Units("GB/s", "TB/s")]
    public Quantity Bandwidth { get; init; } = new();

    /// <summary>Dense tensor throughput per precision, TFLOPS (TOPS for int8).</summary>
    public ComputeData? Compute { get; init; }

    [Units("W")]
    public Quantity? Tdp { get; init; }

    public Sourced<string>? Interconnect { get; init; }

    /// <summary>The accelerators that share a fast link (an NVSwitch baseboard, an NVL72 rack, a bridged pair).</summary>
    public ScaleUpData? ScaleUp { get; init; }

    /// <summary>The network between nodes, per accelerator and direction.</summary>
    [Units("GB/s")]
    public Quantity? ScaleOut { get; init; }

    public EquatableArray<RentalData> Rental { get; init; } = EquatableArray<RentalData>.Empty;
}

public sealed record ComputeData
{
    public Sourced<double>? Bf16 { get; init; }

    public Sourced<double>? Fp16 { get; init; }

    public Sourced<double>? Fp8 { get; init; }

    public Sourced<double>? Int8 { get; init; }

    public Sourced<double>? Fp4 { get; init; }
}

/// <summary>A dated rental offer for one GPU.</summary>
public sealed record RentalData : IHasSource
{
    [Required]
    [Min(0, Exclusive = true)]
    public double UsdPerHour { get; init; }

    [Required]
    public string Provider { get; init; } = "";

    [Required]
    public ContentDate Date { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>The scale-up domain: its kind, how many accelerators it joins, and the link rate per accelerator and direction.</summary>
public sealed record ScaleUpData : IHasSource
{
    [Required]
    public ScaleUpKind Kind { get; init; }

    [Required]
    [Min(1)]
    [Max(1024)]
    public int Domain { get; init; }

    /// <summary>Per accelerator and direction; absent where no source states it.</summary>
    [Units("GB/s")]
    public Quantity? Bandwidth { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}
