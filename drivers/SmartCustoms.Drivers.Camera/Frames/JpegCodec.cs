using OpenCvSharp;
using SmartCustoms.Drivers.Abstractions.Camera;

namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>
/// JPEG decode/encode through OpenCV, with results in pooled buffers so frames carry no OpenCV types.
/// Thread-safe (stateless; OpenCV's codecs are reentrant).
/// </summary>
public static class JpegCodec
{
    /// <summary>Decodes a JPEG to BGR pixels; null when OpenCV cannot decode it.</summary>
    /// <param name="jpeg">The encoded image.</param>
    /// <param name="owner">Receives the buffer behind the pixels; dispose it (or hand it to a frame) when done.</param>
    public static FramePixels? Decode(ReadOnlySpan<byte> jpeg, out IDisposable? owner)
    {
        owner = null;
        Mat mat;
        try
        {
            mat = Cv2.ImDecode(jpeg, ImreadModes.Color);
        }
        catch (OpenCVException)
        {
            return null; // bad input is a corrupt frame, never a crash
        }

        using var decoded = mat;
        if (mat.Empty())
        {
            return null;
        }

        var pixels = CopyPixels(mat, out var buffer);
        owner = buffer;
        return pixels;
    }

    /// <summary>Copies a BGR 8-bit Mat into a pooled, tightly packed buffer.</summary>
    internal static FramePixels CopyPixels(Mat mat, out PooledBuffer buffer)
    {
        if (mat.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"expected an 8-bit BGR image, got {mat.Type()}", nameof(mat));
        }

        var stride = mat.Cols * 3;
        var length = stride * mat.Rows;
        buffer = new PooledBuffer(length);
        buffer.SetLength(length);
        var span = mat.AsSpan<byte>();
        if (span.Length == length)
        {
            span.CopyTo(buffer.Span);
        }
        else
        {
            // A non-continuous Mat (a view into a larger one): a clone is continuous.
            using var packed = mat.Clone();
            packed.AsSpan<byte>()[..length].CopyTo(buffer.Span);
        }

        return new FramePixels(mat.Cols, mat.Rows, stride, buffer.Memory);
    }

    /// <summary>Encodes a BGR Mat as JPEG into a pooled buffer.</summary>
    internal static PooledBuffer Encode(Mat mat, int quality)
    {
        Cv2.ImEncode(".jpg", mat, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        var buffer = new PooledBuffer(bytes.Length);
        buffer.Append(bytes);
        return buffer;
    }
}
