using System.Globalization;
using OpenCvSharp;

namespace SmartCustoms.Edge.Video;

/// <summary>
/// Draws detection boxes with their label and score on a JPEG frame (OpenCvSharp) and encodes it again.
/// With no boxes the frame's own JPEG is returned untouched (no decode, no re-encode). Thread-safe (stateless).
/// </summary>
internal static class DetectionOverlay
{
    public const int JpegQuality = 80;

    /// <summary>The JPEG with <paramref name="boxes"/> drawn on it; throws <see cref="ArgumentException"/> when the bytes are not an image.</summary>
    public static byte[] Draw(byte[] jpeg, IReadOnlyList<OverlayBox>? boxes)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        if (boxes is null || boxes.Count == 0)
        {
            return jpeg;
        }

        using var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        if (image.Empty())
        {
            throw new ArgumentException("the camera frame is not a decodable JPEG", nameof(jpeg));
        }

        var thickness = Math.Max(2, image.Width / 320);
        var fontScale = Math.Max(0.5, image.Width / 1280.0);
        foreach (var box in boxes)
        {
            // BGR: red for a contaminant, amber for anything else the model marks.
            var colour = box.Contaminant ? new Scalar(59, 56, 229) : new Scalar(5, 183, 242);
            var rect = ToPixels(box, image.Width, image.Height);
            if (rect.Width <= 0 || rect.Height <= 0)
            {
                continue;
            }

            Cv2.Rectangle(image, rect, colour, thickness);
            var text = string.Create(CultureInfo.InvariantCulture, $"{box.Label} {box.Score:0.00}");
            var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, fontScale, thickness, out var baseline);
            var labelTop = rect.Top - size.Height - baseline - 4 >= 0 ? rect.Top - size.Height - baseline - 4 : rect.Top;
            Cv2.Rectangle(image, new Rect(rect.Left, labelTop, size.Width + 8, size.Height + baseline + 4), colour, -1);
            Cv2.PutText(image, text, new Point(rect.Left + 4, labelTop + size.Height + 2), HersheyFonts.HersheySimplex, fontScale, Scalar.Black, thickness);
        }

        Cv2.ImEncode(".jpg", image, out var encoded, new ImageEncodingParam(ImwriteFlags.JpegQuality, JpegQuality));
        return encoded;
    }

    /// <summary>The box in pixels, clipped to the frame.</summary>
    public static Rect ToPixels(OverlayBox box, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(box);
        var left = Math.Clamp((int)Math.Round(box.Left * width), 0, width);
        var top = Math.Clamp((int)Math.Round(box.Top * height), 0, height);
        var right = Math.Clamp((int)Math.Round((box.Left + box.Width) * width), 0, width);
        var bottom = Math.Clamp((int)Math.Round((box.Top + box.Height) * height), 0, height);
        return new Rect(left, top, right - left, bottom - top);
    }
}
