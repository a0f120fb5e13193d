using System.Text.Json;
using SmartCustoms.Edge.Hosting;

namespace SmartCustoms.Edge.Tests.Hosting;

/// <summary>
/// The memory settings that keep the gateway's resident set flat with the live view open (Video/README.md, "Memory")
/// ship with the binary: Workstation GC and the gen0 cap in its runtimeconfig.json, the glibc arena/mmap settings applied
/// at start unless the operator's environment sets them.
/// </summary>
public sealed class MemorySettingsTests
{
    [Fact]
    public void The_gateways_runtime_config_has_workstation_gc_and_the_gen0_cap()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SmartCustoms.Edge.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(16L * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
    }

    [Fact]
    public void Both_malloc_settings_are_applied_on_linux_unless_the_environment_sets_them()
    {
        var expected = OperatingSystem.IsLinux()
            ? (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null ? 1 : 0) + (Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is null ? 1 : 0)
            : 0;

        Assert.Equal(expected, NativeHeapTuning.Apply());
    }
}
