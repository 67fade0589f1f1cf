namespace Reports.Specs.Content;

/// <summary>
/// Byte sizes as the content writes them: B, MiB, GB (10^9), GiB (2^30), TB (10^12). In Content, so the source
/// generator's validation and the estimators read units from one table.
/// </summary>
public static class SizeUnits
{
    public const double Gb = 1e9;
    public const double Gib = 1024.0 * 1024 * 1024;

    /// <summary>The size in bytes, or null when <paramref name="unit"/> is not a size unit.</summary>
    public static double? Bytes(double value, string unit) => unit switch
    {
        "B" => value,
        "MiB" => value * 1024 * 1024,
        "GB" => value * Gb,
        "GiB" => value * Gib,
        "TB" => value * 1e12,
        _ => null,
    };
}
