using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>An engine reaches a different share of another vendor's datasheet: its vendor's fitted factors scale the engine's efficiencies there.</summary>
public sealed class VendorFactorTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);
    private static readonly GpuData Mi300x = Data.Gpus.Single(g => g.Id.Value == "mi300x");
    private static readonly GpuData H100 = Data.Gpus.Single(g => g.Id.Value == "h100-sxm");

    private static Assumptions WithAmd(double bandwidth, double compute)
        => Assumptions with { Speed = Assumptions.Speed with { Vendors = new Dictionary<string, VendorFactors> { ["AMD"] = new(bandwidth, compute) } } };

    [Fact]
    public void An_amd_accelerator_reaches_its_vendors_share_of_the_engines_efficiencies_and_an_nvidia_one_the_engines_own()
    {
        var speed = WithAmd(0.5, 0.8).Speed;
        var engine = speed.For(ServingEngine.Vllm);

        var onAmd = speed.For(ServingEngine.Vllm, Mi300x);
        onAmd.BandwidthEfficiency.ShouldBe(engine.BandwidthEfficiency * 0.5, 1e-12);
        onAmd.ComputeEfficiency.ShouldBe(engine.ComputeEfficiency * 0.8, 1e-12);
        onAmd.PrefillEfficiency.ShouldBe(engine.PrefillEfficiency * 0.8, 1e-12);
        onAmd.LayerOverheadUs.ShouldBe(engine.LayerOverheadUs);
        speed.For(ServingEngine.Vllm, H100).ShouldBe(engine);
    }

    [Fact]
    public void No_factor_lifts_an_engine_past_what_its_hardware_allows()
    {
        var onAmd = WithAmd(10, 10).Speed.For(ServingEngine.Vllm, Mi300x);

        onAmd.BandwidthEfficiency.ShouldBe(Calibrator.MaxBandwidthShare);
        onAmd.ComputeEfficiency.ShouldBe(Calibrator.MaxComputeShare);
    }

    [Fact]
    public void A_memory_bound_decode_step_on_amd_takes_as_much_longer_as_its_bandwidth_factor_is_short_of_one()
    {
        var model = Data.Models.Single(m => m.Id.Value == "llama-3-1-70b");
        var setup = new Setup(model, Mi300x, 1, Precision.Fp8, 4096, 1);
        var load = StepLoad.Decode(1, 2048);

        var plain = StepModel.Time(setup, load, WithAmd(1, 1));
        var slower = StepModel.Time(setup, load, WithAmd(0.5, 1));

        plain.ComputeBound.ShouldBeFalse();
        (slower.Memory / plain.Memory).ShouldBe(2, 1e-9);
        slower.Fixed.ShouldBe(plain.Fixed);
    }

    [Fact]
    public void A_vendors_datacenter_parts_and_its_other_parts_are_fitted_apart_and_nvidias_hopper_and_later_parts_are_the_reference()
    {
        string Key(string id) => VendorFactors.KeyOf(Data.Gpus.Single(g => g.Id.Value == id));
        (Key("mi300x"), Key("mi355x"), Key("ryzen-ai-max-395"), Key("apple-m3-ultra"), Key("tpu-v6e")).ShouldBe(("AMD", "AMD", "AMD unified", "Apple unified", "Google"));
        (Key("h100-sxm"), Key("h200-sxm"), Key("rtx-pro-6000-blackwell"), Key("dgx-spark")).ShouldBe(("NVIDIA", "NVIDIA", "NVIDIA", "NVIDIA"));
        (Key("a100-80gb-pcie"), Key("rtx-3090"), Key("rtx-4090"), Key("l40s")).ShouldBe((VendorFactors.NvidiaAmpereAda, VendorFactors.NvidiaAmpereAda, VendorFactors.NvidiaAmpereAda, VendorFactors.NvidiaAmpereAda));

        // Instinct's factors leave an integrated Radeon alone: it reaches the engine's own shares until its own are fitted.
        var ryzen = Data.Gpus.Single(g => g.Id.Value == "ryzen-ai-max-395");
        var speed = WithAmd(0.5, 0.8).Speed;
        speed.For(ServingEngine.Llamacpp, ryzen).ShouldBe(speed.For(ServingEngine.Llamacpp));
        speed.For(ServingEngine.Llamacpp, Mi300x).BandwidthEfficiency.ShouldBe(speed.For(ServingEngine.Llamacpp).BandwidthEfficiency * 0.5, 1e-12);
    }

    [Fact]
    public void Nvidias_ampere_and_ada_parts_have_a_fitted_compute_factor_and_read_memory_at_the_engines_own_share()
    {
        var factors = Data.Calibration!.Vendors.Single(v => v.Vendor == VendorFactors.NvidiaAmpereAda);
        factors.BandwidthFactor.ShouldBe(1);
        factors.ComputeFactor.ShouldNotBe(1);
        VendorFactors.FitsBandwidth(VendorFactors.NvidiaAmpereAda).ShouldBeFalse();
        VendorFactors.FitsBandwidth("AMD unified").ShouldBeTrue();

        var a100 = Data.Gpus.Single(g => g.Id.Value == "a100-80gb-pcie");
        var engine = Assumptions.Speed.For(ServingEngine.Vllm);
        var onA100 = Assumptions.Speed.For(ServingEngine.Vllm, a100);
        onA100.BandwidthEfficiency.ShouldBe(engine.BandwidthEfficiency);
        onA100.PrefillEfficiency.ShouldBe(Math.Min(Calibrator.MaxComputeShare, engine.PrefillEfficiency * factors.ComputeFactor), 1e-12);
        Assumptions.Speed.For(ServingEngine.Vllm, H100).ShouldBe(engine);
    }

    [Fact]
    public void The_committed_calibration_fits_factors_only_for_vendors_other_than_the_reference_that_the_corpus_measured()
    {
        var measured = Data.Measurements.Select(m => VendorFactors.KeyOf(Data.Gpus.Single(g => g.Id == m.Gpu))).ToHashSet();
        var vendors = Data.Calibration!.Vendors;

        vendors.Count.ShouldBeGreaterThan(0);
        vendors.ShouldAllBe(v => v.Vendor != Calibrator.ReferenceVendor && measured.Contains(v.Vendor) && v.Rows > 0);
        Assumptions.Speed.Vendors.Keys.Order().ShouldBe(vendors.Select(v => v.Vendor).Order());
    }
}
