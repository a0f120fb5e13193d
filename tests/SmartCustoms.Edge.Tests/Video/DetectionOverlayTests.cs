using OpenCvSharp;
using SmartCustoms.Edge.Video;

namespace SmartCustoms.Edge.Tests.Video;

/// <summary>
/// The boxes and labels drawn on camera frames for <c>/video/{camera}.mjpg</c> (which the panel's live view
/// shows): where, in which colour, with what label, clipped to the frame; frames without boxes pass untouched.
/// In memory only (JPEG encode/decode, no files).
/// </summary>
public sealed class DetectionOverlayTests
{
    private static readonly Vec3b Grey = new(128, 128, 128);

    // BGR as drawn: red for contaminants, amber otherwise.
    private static readonly Vec3b Red = new(59, 56, 229);
    private static readonly Vec3b Amber = new(5, 183, 242);

    private static byte[] Frame(int width = 640, int height = 480)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(Grey.Item0, Grey.Item1, Grey.Item2));
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 95));
        return jpeg;
    }

    private static Mat Decode(byte[] jpeg)
    {
        var image = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.False(image.Empty());
        return image;
    }

    /// <summary>JPEG is lossy: a colour matches when every channel is within a tolerance.</summary>
    private static void AssertColour(Vec3b expected, Vec3b actual, string where)
    {
        var off = Math.Max(Math.Abs(expected.Item0 - actual.Item0), Math.Max(Math.Abs(expected.Item1 - actual.Item1), Math.Abs(expected.Item2 - actual.Item2)));
        Assert.True(off <= 40, $"{where}: expected BGR({expected.Item0},{expected.Item1},{expected.Item2}), got BGR({actual.Item0},{actual.Item1},{actual.Item2})");
    }

    [Fact]
    public void Without_boxes_the_frame_is_passed_on_untouched()
    {
        var jpeg = Frame();
        Assert.Same(jpeg, DetectionOverlay.Draw(jpeg, null));
        Assert.Same(jpeg, DetectionOverlay.Draw(jpeg, []));
    }

    [Fact]
    public void A_contaminant_box_is_drawn_red_around_its_place_and_leaves_the_inside_alone()
    {
        var box = new OverlayBox(0.25, 0.25, 0.5, 0.5, "wood", 0.91, Contaminant: true);
        using var image = Decode(DetectionOverlay.Draw(Frame(), [box]));

        // 640×480: box from (160,120) to (480,360); line 2 px (width/320).
        Assert.Equal(new Rect(160, 120, 320, 240), DetectionOverlay.ToPixels(box, 640, 480));
        AssertColour(Red, image.At<Vec3b>(240, 160), "left edge");
        AssertColour(Red, image.At<Vec3b>(240, 479), "right edge");
        AssertColour(Red, image.At<Vec3b>(359, 320), "bottom edge");
        AssertColour(Grey, image.At<Vec3b>(240, 320), "inside the box");
        AssertColour(Grey, image.At<Vec3b>(20, 20), "outside the box");
    }

    [Fact]
    public void Other_detections_are_amber()
    {
        var box = new OverlayBox(0.25, 0.25, 0.5, 0.5, "ore-lump", 0.55, Contaminant: false);
        using var image = Decode(DetectionOverlay.Draw(Frame(), [box]));
        AssertColour(Amber, image.At<Vec3b>(240, 160), "left edge");
    }

    [Fact]
    public void The_label_sits_on_a_filled_tag_above_the_box_with_dark_text()
    {
        var box = new OverlayBox(0.25, 0.5, 0.25, 0.25, "plastic", 0.97, Contaminant: true);
        using var image = Decode(DetectionOverlay.Draw(Frame(), [box]));
        var rect = DetectionOverlay.ToPixels(box, 640, 480);

        // The tag: a strip of the box colour just above the top edge, as wide as the text; text pixels are black.
        var tag = new Rect(rect.Left, rect.Top - 24, 120, 22);
        var colourPixels = 0;
        var darkPixels = 0;
        for (var y = tag.Top; y < tag.Bottom; y++)
        {
            for (var x = tag.Left; x < tag.Right; x++)
            {
                var p = image.At<Vec3b>(y, x);
                colourPixels += p.Item2 > 180 && p.Item1 < 110 ? 1 : 0;
                darkPixels += p.Item0 < 60 && p.Item1 < 60 && p.Item2 < 60 ? 1 : 0;
            }
        }

        Assert.True(colourPixels > tag.Width * tag.Height / 3, $"the tag is filled with the box colour ({colourPixels} px)");
        Assert.True(darkPixels > 30, $"the label text is drawn on it ({darkPixels} dark px)");
        AssertColour(Grey, image.At<Vec3b>(rect.Top - 40, rect.Left + 10), "above the tag");
    }

    [Fact]
    public void A_box_at_the_top_edge_carries_its_label_inside()
    {
        var box = new OverlayBox(0.1, 0.0, 0.5, 0.5, "metal", 0.8, Contaminant: true);
        using var image = Decode(DetectionOverlay.Draw(Frame(), [box]));

        // No room above: the tag is drawn from the box's top down (inside the box).
        var coloured = 0;
        for (var y = 3; y < 18; y++)
        {
            for (var x = 70; x < 150; x++)
            {
                var p = image.At<Vec3b>(y, x);
                coloured += p.Item2 > 180 && p.Item1 < 110 ? 1 : 0;
            }
        }

        Assert.True(coloured > 15 * 80 / 3, $"the tag fills the top of the box ({coloured} px)");
        AssertColour(Grey, image.At<Vec3b>(120, 200), "inside the box below the tag");
    }

    [Fact]
    public void Boxes_are_clipped_to_the_frame_and_empty_ones_are_skipped()
    {
        Assert.Equal(new Rect(0, 432, 256, 48), DetectionOverlay.ToPixels(new OverlayBox(-0.1, 0.9, 0.5, 0.5, "x", 1, true), 640, 480));
        Assert.Equal(new Rect(640, 0, 0, 240), DetectionOverlay.ToPixels(new OverlayBox(1.2, 0, 0.3, 0.5, "x", 1, true), 640, 480));

        // Drawn without error; a box entirely outside or empty draws nothing.
        using var image = Decode(DetectionOverlay.Draw(Frame(), [new OverlayBox(1.2, 0, 0.3, 0.5, "x", 1, true), new OverlayBox(0.5, 0.5, 0, 0, "y", 1, true)]));
        AssertColour(Grey, image.At<Vec3b>(240, 320), "centre");
        AssertColour(Grey, image.At<Vec3b>(10, 630), "right edge area");
    }

    [Fact]
    public void Lines_thicken_with_the_frame_so_they_stay_visible_at_full_hd()
    {
        // 1920 px wide: 6 px lines (width/320), so 4 px inside the left edge is still the box colour.
        var box = new OverlayBox(0.25, 0.25, 0.5, 0.5, "wood", 0.9, Contaminant: true);
        using var image = Decode(DetectionOverlay.Draw(Frame(1920, 1080), [box]));
        AssertColour(Red, image.At<Vec3b>(540, 480 + 2), "inside the 6 px line");
        using var small = Decode(DetectionOverlay.Draw(Frame(), [box]));
        AssertColour(Grey, small.At<Vec3b>(240, 160 + 5), "past the 2 px line at 640 px");
    }

    [Fact]
    public void Bytes_that_are_not_an_image_are_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => DetectionOverlay.Draw([1, 2, 3, 4], [new OverlayBox(0, 0, 1, 1, "x", 1, true)]));
        Assert.Contains("not a decodable JPEG", error.Message, StringComparison.Ordinal);
    }
}
