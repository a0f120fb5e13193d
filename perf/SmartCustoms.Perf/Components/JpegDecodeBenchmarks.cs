using BenchmarkDotNet.Attributes;
using OpenCvSharp;

namespace SmartCustoms.Perf.Components;

/// <summary>Decoding one MJPEG frame (1280×720, the simulated belt camera's JPEG at its quality) to BGR pixels with OpenCV.</summary>
[MemoryDiagnoser]
public class JpegDecodeBenchmarks
{
    private byte[] _jpeg = [];

    [GlobalSetup]
    public void Setup() => _jpeg = Bare.BeltFrame.Jpeg();

    [Benchmark]
    public int Decode()
    {
        using var image = Cv2.ImDecode(_jpeg, ImreadModes.Color);
        return image.Width;
    }
}
