using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using SmartCustoms.Models.Loading;

namespace SmartCustoms.Models.Visual;

/// <summary>
/// Runs the visual debris detector on camera frames: shrinks the frame into the model's input buffer
/// (a JPEG is decoded at half size by libjpeg's DCT scaling first - what the training data went through),
/// runs the one <see cref="InferenceSession"/>, decodes peaks and NMS in C# (<see cref="DetectionDecoder"/>).
/// Input and output tensors are <see cref="OrtValue"/>s over buffers allocated once (pinned), so a frame
/// allocates only its few result objects. Load with <see cref="ModelRegistry.LoadVisualDetector"/>.
/// Thread-safety: the Detect methods may be called from any thread; calls are serialised (one session, one
/// set of buffers). Properties are safe from any thread.
/// </summary>
public sealed class VisualDetector : IDisposable
{
    private static readonly OrtMemoryInfo CpuMemory = OrtMemoryInfo.DefaultInstance;

    private readonly Lock _gate = new();
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions = new();
    private readonly VisualDetectorSettings _settings;
    private readonly byte[] _input;
    private readonly float[] _heatmap;
    private readonly float[] _box;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _heatmapValue;
    private readonly OrtValue _boxValue;
    private readonly Mat _inputMat;
    private long _frames;
    private long _refused;
    private bool _disposed;

    internal VisualDetector(InferenceSession session, SessionOptions sessionOptions, ModelIdentity model, VisualModelDescription description, VisualDetectorSettings settings)
    {
        _session = session;
        _sessionOptions = sessionOptions;
        _settings = settings;
        Model = model;
        Description = description;
        var cells = description.GridWidth * description.GridHeight;

        // Pinned for the detector's life: ONNX Runtime and OpenCV both write straight into them.
        _input = GC.AllocateArray<byte>(description.InputLength, pinned: true);
        _heatmap = GC.AllocateArray<float>(description.ClassNames.Count * cells, pinned: true);
        _box = GC.AllocateArray<float>(VisualModelContract.BoxChannels * cells, pinned: true);
        _inputValue = Wrap(_input, TensorElementType.UInt8, sizeof(byte), [1, description.InputHeight, description.InputWidth, 3]);
        _heatmapValue = Wrap(_heatmap, TensorElementType.Float, sizeof(float), [1, description.ClassNames.Count, description.GridHeight, description.GridWidth]);
        _boxValue = Wrap(_box, TensorElementType.Float, sizeof(float), [1, VisualModelContract.BoxChannels, description.GridHeight, description.GridWidth]);
        _inputMat = Mat.FromPixelData(description.InputHeight, description.InputWidth, MatType.CV_8UC3, Marshal.UnsafeAddrOfPinnedArrayElement(_input, 0));
    }

    public ModelIdentity Model { get; }

    public VisualModelDescription Description { get; }

    public IReadOnlyList<string> ClassNames => Description.ClassNames;

    /// <summary>Frames run through the model since load.</summary>
    public long FramesDetected => Interlocked.Read(ref _frames);

    /// <summary>Frames refused (undecodable JPEG, empty or non-BGR image).</summary>
    public long FramesRefused => Interlocked.Read(ref _refused);

    /// <summary>Detects items in a BGR frame of any size (8-bit, 3 channels); boxes are in that frame's pixels.</summary>
    /// <exception cref="FrameDecodeException">The image is empty or not 8-bit BGR.</exception>
    public FrameDetections Detect(Mat bgrFrame)
    {
        ArgumentNullException.ThrowIfNull(bgrFrame);
        var started = Stopwatch.GetTimestamp();
        if (bgrFrame.Empty() || bgrFrame.Type() != MatType.CV_8UC3)
        {
            Interlocked.Increment(ref _refused);
            throw new FrameDecodeException($"Frame must be a non-empty 8-bit BGR image, got {bgrFrame.Width}x{bgrFrame.Height} of type {bgrFrame.Type()}.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Shrink(bgrFrame);
            return RunAndDecode(bgrFrame.Width, bgrFrame.Height, started);
        }
    }

    /// <summary>
    /// Detects items in a JPEG frame. Boxes are in the pixels of the full-size frame
    /// (<paramref name="frameWidth"/> × <paramref name="frameHeight"/> when given, else twice the half-size decode).
    /// </summary>
    /// <exception cref="FrameDecodeException">The bytes are not a decodable JPEG.</exception>
    public FrameDetections DetectJpeg(ReadOnlySpan<byte> jpeg, int frameWidth = 0, int frameHeight = 0)
    {
        var started = Stopwatch.GetTimestamp();
        Mat decoded;
        try
        {
            decoded = DecodeHalfSize(jpeg);
        }
        catch (FrameDecodeException)
        {
            Interlocked.Increment(ref _refused);
            throw;
        }

        using var _ = decoded;
        if (decoded.Empty())
        {
            Interlocked.Increment(ref _refused);
            throw new FrameDecodeException($"JPEG frame of {jpeg.Length} bytes could not be decoded.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Shrink(decoded);
            return RunAndDecode(frameWidth > 0 ? frameWidth : decoded.Width * 2, frameHeight > 0 ? frameHeight : decoded.Height * 2, started);
        }
    }

    /// <summary>Detects items in an image already shrunk to the model's input (uint8 BGR, height × width × 3).</summary>
    public FrameDetections DetectModelInput(ReadOnlySpan<byte> input, int frameWidth, int frameHeight)
    {
        var started = Stopwatch.GetTimestamp();
        if (input.Length != Description.InputLength)
        {
            Interlocked.Increment(ref _refused);
            throw new FrameDecodeException($"Model input must be {Description.InputHeight}x{Description.InputWidth}x3 = {Description.InputLength} bytes, got {input.Length}.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            input.CopyTo(_input);
            return RunAndDecode(frameWidth, frameHeight, started);
        }
    }

    /// <summary>The model's raw outputs for one model input (parity tests, diagnostics).</summary>
    public void RunRaw(ReadOnlySpan<byte> input, Span<float> heatmap, Span<float> box)
    {
        if (input.Length != Description.InputLength || heatmap.Length != _heatmap.Length || box.Length != _box.Length)
        {
            throw new ArgumentException("Input or output spans do not match the model's shapes.");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            input.CopyTo(_input);
            Run();
            _heatmap.CopyTo(heatmap);
            _box.CopyTo(box);
        }
    }

    /// <summary>The model input a JPEG becomes (half-size decode, area resize): what <see cref="DetectJpeg"/> feeds the model.</summary>
    public static byte[] PreprocessJpeg(ReadOnlySpan<byte> jpeg, int inputWidth, int inputHeight)
    {
        using var decoded = DecodeHalfSize(jpeg);
        if (decoded.Empty())
        {
            throw new FrameDecodeException($"JPEG frame of {jpeg.Length} bytes could not be decoded.");
        }

        using var small = new Mat();
        Cv2.Resize(decoded, small, new Size(inputWidth, inputHeight), 0, 0, InterpolationFlags.Area);
        var bytes = new byte[inputWidth * inputHeight * 3];
        small.AsSpan<byte>().CopyTo(bytes);
        return bytes;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _inputMat.Dispose();
            _inputValue.Dispose();
            _heatmapValue.Dispose();
            _boxValue.Dispose();
            _session.Dispose();
            _runOptions.Dispose();
            _sessionOptions.Dispose();
        }
    }

    private static Mat DecodeHalfSize(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new FrameDecodeException($"Frame of {jpeg.Length} bytes is not a JPEG (no FF D8 start marker).");
        }

        try
        {
            return Cv2.ImDecode(jpeg, ImreadModes.ReducedColor2);
        }
        catch (OpenCVException ex)
        {
            throw new FrameDecodeException($"JPEG frame of {jpeg.Length} bytes could not be decoded: {ex.Message}", ex);
        }
    }

    private static OrtValue Wrap(Array pinned, TensorElementType type, int elementSize, long[] shape) =>
        OrtValue.CreateTensorValueWithData(CpuMemory, type, shape, Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0), (long)pinned.Length * elementSize);

    private void Shrink(Mat bgr)
    {
        var before = _inputMat.Data;
        Cv2.Resize(bgr, _inputMat, new Size(Description.InputWidth, Description.InputHeight), 0, 0, InterpolationFlags.Area);
        if (_inputMat.Data != before)
        {
            // OpenCV reallocated (it must not: size and type match): never run on a stale buffer.
            throw new InvalidOperationException("OpenCV replaced the model input buffer.");
        }
    }

    private void Run() => _session.Run(_runOptions, VisualModelContract.InputNames, [_inputValue], VisualModelContract.OutputNames, [_heatmapValue, _boxValue]);

    private FrameDetections RunAndDecode(int frameWidth, int frameHeight, long started)
    {
        Run();
        var detections = DetectionDecoder.Decode(
            _heatmap, _box, Description.GridWidth, Description.GridHeight, Description.ClassNames, Description.Decoding,
            frameWidth, frameHeight, _settings.FieldOfViewAcrossM / frameWidth);
        Interlocked.Increment(ref _frames);
        return new FrameDetections(frameWidth, frameHeight, detections, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Model);
    }
}
