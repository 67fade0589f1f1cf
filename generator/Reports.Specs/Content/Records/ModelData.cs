namespace Reports.Specs.Content;

/// <summary>One open-weights model: content/data/models/{id}.yaml.</summary>
public sealed record ModelData
{
    [Required]
    public ModelId Id { get; init; }

    [Required]
    public string Name { get; init; } = "";

    [Required]
    public string Vendor { get; init; } = "";

    [Required]
    public string Family { get; init; } = "";

    [Required]
    public ContentDate Verified { get; init; }

    public string? Summary { get; init; }

    public Sourced<ContentDate>? Released { get; init; }

    public Sourced<string>? License { get; init; }

    public bool OpenWeights { get; init; } = true;

    [Required]
    public EquatableArray<SourceLink> Sources { get; init; } = EquatableArray<SourceLink>.Empty;

    [Required]
    public ArchitectureData Architecture { get; init; } = new();

    [Required]
    public Sourced<long> Context { get; init; } = new();

    [Required]
    public ParamsData Params { get; init; } = new();

    /// <summary>The vendor's Hugging Face repository of these weights (owner/name): what launch commands load.</summary>
    public RepoData? Repo { get; init; }

    public EquatableArray<CheckpointData> Checkpoints { get; init; } = EquatableArray<CheckpointData>.Empty;

    /// <summary>Vision or audio encoders: not in the decoder's parameter count, but in memory.</summary>
    public EquatableArray<EncoderData> Encoders { get; init; } = EquatableArray<EncoderData>.Empty;

    public Sourced<EquatableArray<string>>? Capabilities { get; init; }

    public Sourced<EquatableArray<string>>? Frameworks { get; init; }

    public Sourced<EquatableArray<Precision>>? Precisions { get; init; }
}

/// <summary>Decoder shapes from the model's config.json.</summary>
public sealed record ArchitectureData : IHasSource
{
    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    [Required]
    public ModelKind Kind { get; init; }

    [Required]
    [Min(1)]
    public int Layers { get; init; }

    [Required]
    [Min(1)]
    public int Hidden { get; init; }

    /// <summary>Width of the dense FFN; absent when every layer is MoE.</summary>
    [Min(1)]
    public int? Intermediate { get; init; }

    [Required]
    [Min(1)]
    public int Heads { get; init; }

    [Required]
    [Min(1)]
    public int KvHeads { get; init; }

    [Required]
    [Min(1)]
    public int HeadDim { get; init; }

    [Required]
    [Min(1)]
    public int Vocab { get; init; }

    [Min(1)]
    public long? MaxPosition { get; init; }

    [Required]
    public bool TiedEmbeddings { get; init; }

    /// <summary>The config's <c>architectures[0]</c> class name; engines list the classes they support.</summary>
    public string? HfArchitecture { get; init; }

    /// <summary>The config's <c>model_type</c>; mlx-lm chooses its model code by it.</summary>
    public string? ModelType { get; init; }

    /// <summary>Multi-token-prediction layers shipped with the checkpoint (DeepSeek <c>num_nextn_predict_layers</c>).</summary>
    [Min(0)]
    [Max(8)]
    public int MtpLayers { get; init; }

    public bool QkvBias { get; init; }

    public bool QkNorm { get; init; }

    [Min(0)]
    [Max(8)]
    public int NormsPerLayer { get; init; } = 2;

    /// <summary>FFNs with a gate (SwiGLU, GeGLU: three matrices); false for plain up/down FFNs (Nemotron-H's squared ReLU: two).</summary>
    public bool GatedFfn { get; init; } = true;

    [Required]
    public AttentionData Attention { get; init; } = new();

    public MoeData? Moe { get; init; }

    /// <summary>
    /// One character per layer, in order, when layers differ in more than a count can say: F full attention,
    /// S local (sliding or chunked) attention, L linear mixer, each followed by the layer's FFN; and blocks that
    /// hold one part only (Nemotron-H's hybrid_override_pattern): * attention, M linear mixer, - dense FFN, E MoE FFN.
    /// </summary>
    public string? Layout { get; init; }
}

public sealed record AttentionData
{
    [Required]
    public AttentionKind Kind { get; init; }

    /// <summary>How many layers attend only within <see cref="Window"/> tokens.</summary>
    [Min(0)]
    public int LocalLayers { get; init; }

    [Min(1)]
    public int? Window { get; init; }

    public LocalAttentionKind LocalKind { get; init; } = LocalAttentionKind.Sliding;

    public bool Sinks { get; init; }

    public bool OBias { get; init; }

    [Min(1)]
    public int? QLoraRank { get; init; }

    [Min(1)]
    public int? KvLoraRank { get; init; }

    [Min(1)]
    public int? QkRopeHeadDim { get; init; }

    [Min(1)]
    public int? QkNopeHeadDim { get; init; }

    [Min(1)]
    public int? VHeadDim { get; init; }

    /// <summary>Layers whose token mixer is linear attention or a state-space layer: they hold no KV cache.</summary>
    [Min(0)]
    public int LinearLayers { get; init; }

    /// <summary>The shapes of those layers (required when linear_layers &gt; 0).</summary>
    public LinearMixerData? Linear { get; init; }

    /// <summary>A sigmoid gate on the attention output (Qwen3-Next): doubles the query projection.</summary>
    public bool OutputGate { get; init; }

    /// <summary>DeepSeek sparse attention's lightning indexer, with a small key cache of its own.</summary>
    public IndexerData? Indexer { get; init; }

    /// <summary>Head width of the full-attention (global) layers when it differs from the local layers' (Gemma 4: 512 against 256).</summary>
    [Min(1)]
    public int? GlobalHeadDim { get; init; }

    /// <summary>KV heads of the full-attention layers when they differ from the local layers' (Gemma 4 31B: 4 against 16).</summary>
    [Min(1)]
    public int? GlobalKvHeads { get; init; }

    /// <summary>The full-attention layers have no value projection: the key serves as the value (Gemma 4's attention_k_eq_v).</summary>
    public bool GlobalKEqV { get; init; }
}

/// <summary>Shapes of a linear-attention or Mamba-2 layer, from config.json.</summary>
public sealed record LinearMixerData
{
    [Required]
    public LinearMixerKind Kind { get; init; }

    /// <summary>Gated DeltaNet: linear_num_key_heads. Mamba-2: n_groups (B and C are shared per group).</summary>
    [Required]
    [Min(1)]
    public int KeyHeads { get; init; }

    /// <summary>Gated DeltaNet: linear_num_value_heads. Mamba-2: mamba_num_heads.</summary>
    [Required]
    [Min(1)]
    public int ValueHeads { get; init; }

    /// <summary>Gated DeltaNet: linear_key_head_dim. Mamba-2: ssm_state_size.</summary>
    [Required]
    [Min(1)]
    public int KeyHeadDim { get; init; }

    /// <summary>Gated DeltaNet: linear_value_head_dim. Mamba-2: mamba_head_dim.</summary>
    [Required]
    [Min(1)]
    public int ValueHeadDim { get; init; }

    [Required]
    [Min(1)]
    [Max(64)]
    public int ConvKernel { get; init; }

    /// <summary>Bytes per element of the recurrent state as engines keep it (vLLM: the model dtype).</summary>
    [Min(1)]
    [Max(4)]
    public int StateBytes { get; init; } = 2;
}

/// <summary>DeepSeek sparse attention's indexer: index_n_heads, index_head_dim, index_topk.</summary>
public sealed record IndexerData
{
    [Required]
    [Min(1)]
    public int Heads { get; init; }

    [Required]
    [Min(1)]
    public int HeadDim { get; init; }

    /// <summary>Tokens each query attends to.</summary>
    [Required]
    [Min(1)]
    public int TopK { get; init; }

    /// <summary>Bytes the indexer caches per token per layer (DeepSeek V3.2: an FP8 key plus its scale).</summary>
    [Required]
    [Min(1)]
    public int CacheBytes { get; init; }
}

/// <summary>A vision or audio encoder and its sourced parameter count.</summary>
public sealed record EncoderData
{
    [Required]
    public EncoderKind Kind { get; init; }

    [Required]
    public Sourced<double> Params { get; init; } = new();

    public string? Note { get; init; }
}

public sealed record MoeData
{
    [Required]
    [Min(2)]
    public int Experts { get; init; }

    [Required]
    [Min(1)]
    public int ExpertsPerToken { get; init; }

    [Min(0)]
    public int SharedExperts { get; init; }

    [Required]
    [Min(1)]
    public int ExpertIntermediate { get; init; }

    /// <summary>Width of a shared expert, when it differs from the routed experts' (Nemotron 3 Nano: 3712 against 1856).</summary>
    [Min(1)]
    public int? SharedIntermediate { get; init; }

    /// <summary>The first N layers use a dense FFN (DeepSeek's first_k_dense_replace).</summary>
    [Min(0)]
    public int DenseLayers { get; init; }

    /// <summary>Every step-th layer is MoE, the others dense (Llama 4 Maverick: 2).</summary>
    [Min(1)]
    public int InterleaveStep { get; init; } = 1;

    public bool RouterBias { get; init; }

    public bool ExpertBias { get; init; }
}

public sealed record ParamsData
{
    [Required]
    public Sourced<double> Total { get; init; } = new();

    public Sourced<double>? Active { get; init; }

    /// <summary>What the vendor's figure counts, when it differs from the text decoder.</summary>
    public string? Scope { get; init; }

    /// <summary>The vendor's active count leaves out the input embedding (gpt-oss model card convention).</summary>
    public bool ActiveExcludesEmbedding { get; init; }

    /// <summary>The vendor's total counts the vision or audio encoders listed under <c>encoders</c>.</summary>
    public bool IncludesEncoders { get; init; }

    /// <summary>Why the computed count may differ from the sourced total by more than the tolerance.</summary>
    public string? Exception { get; init; }
}

/// <summary>A published weight file's size.</summary>
public sealed record CheckpointData : IHasSource
{
    [Required]
    public Precision Precision { get; init; }

    [Required]
    [Min(0, Exclusive = true)]
    public double Size { get; init; }

    [Required]
    public string Unit { get; init; } = "";

    /// <summary>The file format when it is not the plain precision: gguf-q4_k_m, gguf-q8_0, awq, gptq.</summary>
    public string? Format { get; init; }

    /// <summary>Where the weights are published, as owner/name on Hugging Face.</summary>
    public string? Repo { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>Where the vendor publishes the weights, and the precision they are stored in there when the source says.</summary>
public sealed record RepoData : IHasSource
{
    /// <summary>owner/name on Hugging Face.</summary>
    [Required]
    public string Value { get; init; } = "";

    /// <summary>The precision of the repository's weights; without it, the first of the model's published precisions, else BF16.</summary>
    public Precision? Precision { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}
