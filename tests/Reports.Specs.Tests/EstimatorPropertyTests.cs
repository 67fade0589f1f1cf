using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>Properties that must hold for every model and GPU in the catalog, checked exhaustively.</summary>
public sealed class EstimatorPropertyTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);
    private static readonly long[] Contexts = [1, 128, 1024, 4096, 8192, 32768, 131072];

    [Fact]
    public void Kv_grows_with_context_and_never_faster_than_full_attention()
    {
        foreach (var model in Data.Models)
        {
            var perToken = MemoryEstimator.KvPerToken(model).Value;
            // Linear (Gated DeltaNet, Mamba-2) layers of a hybrid hold a fixed state per sequence on top of the per-token KV.
            var fixedState = MemoryEstimator.LinearStateBytes(model.Architecture);
            double previous = 0;
            foreach (var t in Contexts)
            {
                var kv = MemoryEstimator.KvAtContext(model, t).Value;
                kv.ShouldBeGreaterThanOrEqualTo(previous, model.Id.Value);
                kv.ShouldBeLessThanOrEqualTo((perToken * t) + fixedState + 1e-6, model.Id.Value);
                previous = kv;
            }
        }
    }

    [Fact]
    public void Weights_shrink_with_fewer_bits_unless_a_checkpoint_says_otherwise()
    {
        var order = new[] { Precision.Bf16, Precision.Fp8, Precision.Int4 };
        foreach (var model in Data.Models.Where(m => m.Checkpoints.Count == 0))
        {
            var sizes = order.Select(p => MemoryEstimator.Weights(model, p, Assumptions).Value).ToList();
            sizes.ShouldBe(sizes.OrderByDescending(s => s).ToList(), model.Id.Value);
        }
    }

    [Fact]
    public void More_gpus_never_make_a_valid_setup_tighter()
    {
        foreach (var model in Data.Models)
        {
            foreach (var gpu in Data.Gpus)
            {
                double previous = double.MaxValue;
                foreach (var n in new[] { 1, 2, 4, 8 }.Where(n => model.Architecture.Heads % n == 0))
                {
                    var ratio = FitEstimator.Fit(new Setup(model, gpu, n, Precision.Fp8, 8192, 1), Assumptions).Ratio;
                    ratio.ShouldBeLessThanOrEqualTo(previous + 1e-12, model.Id.Value + " on " + gpu.Id.Value);
                    previous = ratio;
                }
            }
        }
    }

    [Fact]
    public void Per_user_speed_falls_and_aggregate_speed_rises_with_concurrency()
    {
        var gpu = Data.Gpus.Single(g => g.Id == GpuIds.H200_sxm);
        foreach (var model in Data.Models)
        {
            var fitting = FitEstimator.MinGpus(model, gpu, Precision.Fp8, 4096, 16, Assumptions);
            if (fitting is not { } min)
            {
                continue;
            }

            var previousUser = double.MaxValue;
            var previousAll = 0.0;
            foreach (var c in new[] { 1, 2, 4, 8, 16 })
            {
                var speed = SpeedEstimator.Estimate(new Setup(model, gpu, min.Count, Precision.Fp8, 4096, c), SpeedMode.Latency, 3000, 1000, Assumptions);
                speed.DecodeTokensPerSecond.Value.ShouldBeLessThanOrEqualTo(previousUser + 1e-9, model.Id.Value);
                speed.ThroughputTokensPerSecond.Value.ShouldBeGreaterThanOrEqualTo(previousAll - 1e-9, model.Id.Value);
                previousUser = speed.DecodeTokensPerSecond.Value;
                previousAll = speed.ThroughputTokensPerSecond.Value;
            }
        }
    }
}
