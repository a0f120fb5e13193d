using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Edge.Core.Hosting;
using SmartCustoms.Edge.Core.Options;

namespace SmartCustoms.Edge.Core.Tests.Options;

public sealed class LaneOptionsTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLaneCore();
        return builder.Build();
    }

    [Fact]
    public void AddLaneCore_binds_every_section_and_resolves_the_core()
    {
        using var host = Build(new()
        {
            ["Lane:Geometry:CutterMetres"] = "45",
            ["Lane:Segments:Mode"] = "Tonnes",
            ["Lane:Segments:Tonnes"] = "50",
            ["Lane:Verdicts:ContaminatedMinSpectra"] = "7",
            ["Lane:Verdicts:BrandFamilies:Roy Hill"] = "hematite,goethite",
            ["Lane:Sampling:Scheme"] = "StratifiedRandom",
            ["Lane:Sampling:RandomSeed"] = "99",
        });
        Assert.Equal(45, host.Services.GetRequiredService<IOptions<LaneGeometryOptions>>().Value.CutterMetres);
        Assert.Equal(SegmentMode.Tonnes, host.Services.GetRequiredService<IOptions<SegmentOptions>>().Value.Mode);
        Assert.Equal(7, host.Services.GetRequiredService<IOptions<VerdictOptions>>().Value.ContaminatedMinSpectra);
        Assert.Equal("hematite,goethite", host.Services.GetRequiredService<IOptions<VerdictOptions>>().Value.BrandFamilies["roy hill"]);
        Assert.Equal(SamplingScheme.StratifiedRandom, host.Services.GetRequiredService<IOptions<SamplingOptions>>().Value.Scheme);
        Assert.NotNull(host.Services.GetRequiredService<LaneCore>());
    }

    [Fact]
    public async Task A_bad_value_stops_the_host_at_start_with_the_key_named()
    {
        using var host = Build(new() { ["Lane:Geometry:CutterMetres"] = "10" });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.True(error is OptionsValidationException || error.InnerException is OptionsValidationException, error.ToString());
        Assert.Contains("Lane:Geometry:CutterMetres must be downstream of the last sensor (22 m), got 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Geometry_validation_names_each_bad_key()
    {
        var result = new LaneGeometryOptionsValidator().Validate(null, new LaneGeometryOptions
        {
            BeltWidthMetres = 0, SpeedSampleTimeoutSeconds = -1, HistoryCapacity = 3, NirMetres = double.NaN,
        });
        Assert.True(result.Failed);
        Assert.Contains("Lane:Geometry:BeltWidthMetres must be > 0, got 0", result.Failures!);
        Assert.Contains("Lane:Geometry:SpeedSampleTimeoutSeconds must be > 0, got -1", result.Failures!);
        Assert.Contains("Lane:Geometry:HistoryCapacity must be ≥ 16, got 3", result.Failures!);
        Assert.Contains("Lane:Geometry:NirMetres must be a finite number, got NaN", result.Failures!);
    }

    [Fact]
    public void Tonnage_segments_need_the_scale_upstream_of_the_sensors()
    {
        var geometry = Microsoft.Extensions.Options.Options.Create(new LaneGeometryOptions { ScaleMetres = 30 });
        var result = new SegmentOptionsValidator(geometry).Validate(null, new SegmentOptions { Mode = SegmentMode.Tonnes });
        Assert.Contains("Lane:Segments:Mode Tonnes needs Lane:Geometry:ScaleMetres (30) at or upstream of the first sensor (20 m)", result.Failures!);
        Assert.True(new SegmentOptionsValidator(geometry).Validate(null, new SegmentOptions { Mode = SegmentMode.Length }).Succeeded);
    }

    [Fact]
    public void Verdict_validation_names_the_keys()
    {
        var result = new VerdictOptionsValidator().Validate(null, new VerdictOptions
        {
            ContaminantProbability = 0.5, SuspectProbability = 0.7, ContaminatedMinSpectra = 0, BrandMismatchVerdict = LotVerdictLevel.Clear,
        });
        Assert.Contains("Lane:Verdicts:SuspectProbability must be ≤ Lane:Verdicts:ContaminantProbability, got 0.7", result.Failures!);
        Assert.Contains("Lane:Verdicts:ContaminatedMinSpectra must be ≥ 1, got 0", result.Failures!);
        Assert.Contains("Lane:Verdicts:BrandMismatchVerdict must be Suspect or Hold, got Clear", result.Failures!);
    }

    [Fact]
    public void Sampling_validation_names_the_keys()
    {
        var result = new SamplingOptionsValidator().Validate(null, new SamplingOptions { Precision = 0, MinimumIncrements = 0, CutterSpeedMetresPerSecond = -0.6 });
        Assert.Contains("Lane:Sampling:Precision must be > 0, got 0", result.Failures!);
        Assert.Contains("Lane:Sampling:MinimumIncrements must be ≥ 1, got 0", result.Failures!);
        Assert.Contains("Lane:Sampling:CutterSpeedMetresPerSecond must be > 0, got -0.6", result.Failures!);
        Assert.True(new SamplingOptionsValidator().Validate(null, new SamplingOptions()).Succeeded);
    }
}
