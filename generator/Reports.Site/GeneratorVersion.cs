namespace Reports.Site;

/// <summary>Which build of this generator is running: output and caches written by another build are not reused.</summary>
public static class GeneratorVersion
{
    public static string Current { get; } = typeof(GeneratorVersion).Assembly.ManifestModule.ModuleVersionId.ToString("N");
}
