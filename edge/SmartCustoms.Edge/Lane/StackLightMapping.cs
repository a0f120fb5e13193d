using SmartCustoms.Drivers.Abstractions.LaneIo;
using SmartCustoms.Edge.Core.Alarms;

namespace SmartCustoms.Edge.Lane;

/// <summary>The lane core's stack-light state (one colour + horn) as the lamp and horn outputs of the lane I/O.</summary>
internal static class StackLightMapping
{
    public static StackLightOutputs ToOutputs(StackLightState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new StackLightOutputs(
            Green: state.Color == StackLightColor.Green,
            Amber: state.Color == StackLightColor.Amber,
            Red: state.Color == StackLightColor.Red,
            Horn: state.Horn);
    }
}
