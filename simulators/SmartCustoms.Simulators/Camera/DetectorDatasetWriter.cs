using System.Globalization;
using System.Text;
using OpenCvSharp;
using SmartCustoms.Simulators.World;

namespace SmartCustoms.Simulators.Camera;

/// <summary>
/// Writes a detector data set into a directory: every frame goes through the camera's JPEG (as the gateway
/// receives it), is decoded at half size (DCT scaling) and shrunk to the model's input size with area interpolation (what the gateway's
/// preprocessing does), and is appended to <c>frames.u8</c> (N × height × width × 3 bytes, BGR); the conditions
/// go to <c>frames.csv</c>, the truth boxes (full-frame pixels) to <c>boxes.csv</c>; the first
/// <c>jpegFrames</c> frames are also kept as <c>jpeg/NNNNNN.jpg</c> (C# parity tests). Not thread-safe.
/// </summary>
public static class DetectorDatasetWriter
{
    public static async Task WriteAsync(
        DetectorFrameRenderer renderer, int count, string directory, Size modelSize, int jpegQuality, int jpegFrames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        Directory.CreateDirectory(directory);
        string jpegDir = Path.Combine(directory, "jpeg");
        if (jpegFrames > 0)
        {
            Directory.CreateDirectory(jpegDir);
        }

        await using var pixels = new FileStream(Path.Combine(directory, "frames.u8"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        await using var framesCsv = new StreamWriter(Path.Combine(directory, "frames.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        await using var boxesCsv = new StreamWriter(Path.Combine(directory, "boxes.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" };
        await framesCsv.WriteLineAsync("frame,brand,gain,speed_mps,blur_px,items");
        await boxesCsv.WriteLineAsync("frame,class,material,colour,size_cm,width_cm,x0,y0,x1,y1,visible_fraction");
        using var frame = new Mat();
        using var small = new Mat();
        var encoding = new ImageEncodingParam(ImwriteFlags.JpegQuality, jpegQuality);
        var row = new byte[modelSize.Width * modelSize.Height * 3];
        for (int i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var truth = renderer.Render(i, frame);
            Cv2.ImEncode(".jpg", frame, out byte[] jpeg, encoding);
            if (i < jpegFrames)
            {
                await File.WriteAllBytesAsync(Path.Combine(jpegDir, i.ToString("D6", CultureInfo.InvariantCulture) + ".jpg"), jpeg, ct);
            }

            // Half-size decoding (libjpeg's DCT scaling) is what the gateway does too: a quarter of the work of a full decode.
            using (var decoded = Cv2.ImDecode(jpeg, ImreadModes.ReducedColor2))
            {
                Cv2.Resize(decoded, small, modelSize, 0, 0, InterpolationFlags.Area);
            }

            small.AsSpan<byte>().CopyTo(row);
            await pixels.WriteAsync(row, ct);
            await framesCsv.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{i},{truth.Brand},{truth.Gain:F4},{truth.SpeedMps:F3},{truth.BlurPx},{truth.Boxes.Count}"));
            foreach (var b in truth.Boxes)
            {
                var item = b.Item;
                await boxesCsv.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{i},{ContaminantMaterials.WireName(item.Class)},{ContaminantMaterials.WireName(item.Material)},{item.Colour.ToString().ToLowerInvariant()},{item.SizeM * 100:F2},{item.WidthM * 100:F2},{b.X0},{b.Y0},{b.X1},{b.Y1},{b.VisibleFraction:F3}"));
            }
        }
    }
}
