using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartCustoms.Models.Classification;
using SmartCustoms.Models.Commands;

namespace SmartCustoms.Models.Tests;

public sealed class AddModelsTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddModels();
        return builder.Build();
    }

    [Fact]
    public async Task Start_WithDefaults_LoadsTheModelCopiedNextToTheApp()
    {
        using var host = BuildHost([]);

        await host.StartAsync();
        var classifier = host.Services.GetRequiredService<SpectralClassifier>();
        var command = host.Services.GetRequiredService<SpectrumClassificationCommand>();
        await host.StopAsync();

        Assert.Equal(TestFiles.Model, classifier.Model.FilePath);
        Assert.NotNull(command);
    }

    [Fact]
    public async Task Start_WithABadValue_FailsNamingTheKey()
    {
        using var host = BuildHost(new() { ["Models:IntraOpThreads"] = "0", ["Models:ContaminantThreshold"] = "0.7" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Models:IntraOpThreads must be 1-64, got 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ThresholdOverride_IsApplied()
    {
        using var host = BuildHost(new() { ["Models:ContaminantThreshold"] = "0.7" });

        await host.StartAsync();
        var classifier = host.Services.GetRequiredService<SpectralClassifier>();
        await host.StopAsync();

        Assert.Equal(0.7f, classifier.ContaminantThreshold);
    }
}
