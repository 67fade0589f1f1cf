namespace Reports.Specs.Content;

/// <summary>How launch settings are written in an engine file.</summary>
public static class LaunchSettings
{
    /// <summary>The flag value of a checkpoint passed as the program's first argument.</summary>
    public const string Positional = "positional";

    /// <summary>
    /// Settings whose value is the engine's own spelling of a fixed choice (the FP8 KV dtype, the quantization
    /// method, the speculative method, the split mode): their launch entry must give it. The rest are computed
    /// from the plan (sizes, lengths, shares) or are bare switches.
    /// </summary>
    public static bool NeedsValue(LaunchSetting setting) => setting is LaunchSetting.KvCacheDtype or LaunchSetting.Quantization
        or LaunchSetting.SpeculativeConfig or LaunchSetting.SpeculativeAlgorithm or LaunchSetting.SplitMode;

    /// <summary>The spelling a YAML file uses: TensorParallel is tensor-parallel.</summary>
    public static string Name(LaunchSetting setting) => Loading.YamlBinder.EnumName(setting.ToString());
}
