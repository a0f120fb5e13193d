using System.Globalization;
using SmartCustoms.Drivers.Abstractions.Sampler;

namespace SmartCustoms.Drivers.Modbus.Sampler;

/// <summary>Decides, from a fresh status, whether a command may be sent. Pure.</summary>
internal static class SamplerCommandPolicy
{
    /// <summary>Returns why the command must not be sent, or null when it may.</summary>
    public static string? RefusalReason(SamplerCommand command, SamplerStatus status)
    {
        // A stop is a safety command: always sent, whatever the gateway believes about the PLC.
        if (command == SamplerCommand.Stop)
        {
            return null;
        }

        if (status.State == SamplerState.Local)
        {
            return "sampler is in local/maintenance mode: remote commands are ignored";
        }

        if (command == SamplerCommand.ResetFault)
        {
            return null;
        }

        if (status.State == SamplerState.Fault)
        {
            return string.Create(CultureInfo.InvariantCulture, $"sampler is in fault (fault code {status.FaultCode}); reset the fault first");
        }

        if (command == SamplerCommand.Home)
        {
            return null;
        }

        if (status.State is SamplerState.Cutting or SamplerState.Returning)
        {
            return $"sampler is busy ({status.State.ToString().ToLowerInvariant()})";
        }

        if (!status.BeltInterlockOk)
        {
            return "belt interlock is not OK";
        }

        if (status.BinFull)
        {
            return string.Create(CultureInfo.InvariantCulture, $"sample bin is full ({status.BinFillPercent} %)");
        }

        return null;
    }
}
