namespace SmartCustoms.Simulators.Tests.Camera;

internal sealed record MjpegPart(IReadOnlyDictionary<string, string> Headers, byte[] Body);
