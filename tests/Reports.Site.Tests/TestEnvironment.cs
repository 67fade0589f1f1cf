using System.Runtime.CompilerServices;

namespace Reports.Site.Tests;

internal static class TestEnvironment
{
    /// <summary>
    /// Test builds never run Pagefind on their own: whether a machine has it installed must not change what a
    /// fixture build writes (file counts, timings). The tests that are about the full-text index pass it explicitly.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable(Reports.Site.Publishing.FullTextIndex.Variable, "off");
}
