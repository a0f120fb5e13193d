using SmartCustoms.Drivers.Abstractions.Sampler;
using SmartCustoms.Drivers.Modbus.Sampler;

namespace SmartCustoms.Drivers.Modbus.Tests.Devices;

public sealed class SamplerCommandPolicyTests
{
    private static readonly SamplerStatus Idle = new(
        SamplerState.Idle, 5, 10, 0, 555.5, 77, 40, 1, Ready: true, CutterHome: true, BinFull: false, BeltInterlockOk: true,
        DateTimeOffset.UnixEpoch, 0);

    [Fact]
    public void Idle_ready_sampler_takes_every_command()
    {
        foreach (var command in Enum.GetValues<SamplerCommand>())
        {
            Assert.Null(SamplerCommandPolicy.RefusalReason(command, Idle));
        }
    }

    [Fact]
    public void Fault_refuses_a_cut_with_the_fault_code_but_allows_reset_and_stop()
    {
        var fault = Idle with { State = SamplerState.Fault, FaultCode = 17 };
        Assert.Equal("sampler is in fault (fault code 17); reset the fault first", SamplerCommandPolicy.RefusalReason(SamplerCommand.TakeIncrement, fault));
        Assert.NotNull(SamplerCommandPolicy.RefusalReason(SamplerCommand.Home, fault));
        Assert.Null(SamplerCommandPolicy.RefusalReason(SamplerCommand.ResetFault, fault));
        Assert.Null(SamplerCommandPolicy.RefusalReason(SamplerCommand.Stop, fault));
    }

    [Fact]
    public void Local_mode_refuses_everything_but_stop()
    {
        var local = Idle with { State = SamplerState.Local };
        Assert.Contains("local/maintenance", SamplerCommandPolicy.RefusalReason(SamplerCommand.TakeIncrement, local), StringComparison.Ordinal);
        Assert.NotNull(SamplerCommandPolicy.RefusalReason(SamplerCommand.ResetFault, local));
        Assert.NotNull(SamplerCommandPolicy.RefusalReason(SamplerCommand.Home, local));
        Assert.Null(SamplerCommandPolicy.RefusalReason(SamplerCommand.Stop, local));
    }

    [Fact]
    public void Interlock_bin_full_and_busy_refuse_a_cut()
    {
        Assert.Equal("belt interlock is not OK", SamplerCommandPolicy.RefusalReason(SamplerCommand.TakeIncrement, Idle with { BeltInterlockOk = false }));
        Assert.Equal("sample bin is full (98 %)", SamplerCommandPolicy.RefusalReason(SamplerCommand.TakeIncrement, Idle with { BinFull = true, BinFillPercent = 98 }));
        Assert.Equal("sampler is busy (cutting)", SamplerCommandPolicy.RefusalReason(SamplerCommand.TakeIncrement, Idle with { State = SamplerState.Cutting }));
        Assert.Null(SamplerCommandPolicy.RefusalReason(SamplerCommand.Home, Idle with { BeltInterlockOk = false }));
    }
}
