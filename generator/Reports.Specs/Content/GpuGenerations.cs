using System.Collections.Generic;

namespace Reports.Specs.Content;

/// <summary>
/// NVIDIA's GPU architectures, spelled as the catalog spells them. The speed model groups NVIDIA parts by generation (its
/// Ampere and Ada Lovelace parts have a compute factor of their own), so a generation spelled another way ("Ada", "Lovelace")
/// would silently take a GPU out of its group: the catalog accepts only these names for NVIDIA's parts.
/// </summary>
public static class GpuGenerations
{
    /// <summary>The vendor name NVIDIA's parts carry in the catalog.</summary>
    public const string NvidiaVendor = "NVIDIA";

    public const string Ampere = "Ampere";

    public const string AdaLovelace = "Ada Lovelace";

    /// <summary>Every NVIDIA generation a catalog file may name, oldest first.</summary>
    public static readonly IReadOnlyList<string> Nvidia = ["Pascal", "Volta", "Turing", Ampere, AdaLovelace, "Hopper", "Blackwell"];
}
