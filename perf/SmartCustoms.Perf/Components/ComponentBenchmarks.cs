using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SmartCustoms.Perf.Components;

/// <summary>
/// <c>perf components</c>: the BenchmarkDotNet component benchmarks, run in-process (no generated project to
/// build, so the repository's analyzer settings cannot break the run). Without arguments: every benchmark,
/// short job.
/// </summary>
internal static class ComponentBenchmarks
{
    private static readonly Type[] All =
    [
        typeof(ScpiBurstParseBenchmarks),
        typeof(ModbusRoundTripBenchmarks),
        typeof(JpegDecodeBenchmarks),
        typeof(SpectralModelBenchmarks),
        typeof(VisualDetectorBenchmarks),
        typeof(StoreCommitBenchmarks),
        typeof(MqttPublishBenchmarks),
    ];

    public static int Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromTypes(All).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
