namespace SmartCustoms.Drivers.Modbus.Tests.Infrastructure;

internal static class Hex
{
    /// <summary>"00 01 0A" → bytes; spaces are for reading only.</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
