using OpenCvSharp;

namespace SmartCustoms.Drivers.Camera.Tests.Infrastructure;

/// <summary>Real JPEGs made with OpenCV: a moving bar on a gradient, so every index gives a different image.</summary>
internal static class TestImages
{
    public static Mat Pattern(int width, int height, int index)
    {
        var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(40, 80, 120));
        var x = (index * 37) % Math.Max(1, width - 20);
        Cv2.Rectangle(image, new Rect(x, 0, 20, height), new Scalar(255, 255, 255), -1);
        Cv2.PutText(image, index.ToString(System.Globalization.CultureInfo.InvariantCulture), new Point(10, height / 2),
            HersheyFonts.HersheySimplex, 1.5, new Scalar(0, 0, 255), 3);
        return image;
    }

    public static byte[] Jpeg(int width, int height, int index, int quality = 85)
    {
        using var image = Pattern(width, height, index);
        Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return bytes;
    }

    public static byte[][] Jpegs(int count, int width = 160, int height = 120) =>
        Enumerable.Range(0, count).Select(i => Jpeg(width, height, i)).ToArray();
}
