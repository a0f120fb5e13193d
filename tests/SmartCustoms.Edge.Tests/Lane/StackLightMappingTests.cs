using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Edge.Core.Alarms;
using SmartCustoms.Edge.Lane;

namespace SmartCustoms.Edge.Tests.Lane;

public sealed class StackLightMappingTests
{
    [Fact]
    public void All_clear_lights_green_only()
    {
        Assert.Equal(new StackLightOutputs(Green: true, Amber: false, Red: false, Horn: false), StackLightMapping.ToOutputs(StackLightState.AllClear));
    }

    [Fact]
    public void Warning_lights_amber_only()
    {
        Assert.Equal(new StackLightOutputs(false, true, false, false), StackLightMapping.ToOutputs(new StackLightState(StackLightColor.Amber, Horn: false)));
    }

    [Fact]
    public void Critical_lights_red_and_sounds_the_horn()
    {
        Assert.Equal(new StackLightOutputs(false, false, true, true), StackLightMapping.ToOutputs(new StackLightState(StackLightColor.Red, Horn: true)));
    }

    [Theory]
    [InlineData(StackLightColor.Green)]
    [InlineData(StackLightColor.Amber)]
    [InlineData(StackLightColor.Red)]
    public void Exactly_one_lamp_is_lit_and_the_horn_follows_the_state(StackLightColor color)
    {
        foreach (var horn in new[] { false, true })
        {
            var outputs = StackLightMapping.ToOutputs(new StackLightState(color, horn));
            Assert.Equal(1, new[] { outputs.Green, outputs.Amber, outputs.Red }.Count(lit => lit));
            Assert.Equal(horn, outputs.Horn);
        }
    }
}
