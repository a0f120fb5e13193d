using SmartCustoms.Models.Visual;

namespace SmartCustoms.Models.Tests.Visual;

/// <summary>Decoding and NMS on hand-made grids (no model): the numbers below are worked out by hand.</summary>
public sealed class DetectionDecoderTests
{
    private const int GridWidth = 8;
    private const int GridHeight = 4;
    private const int Cells = GridWidth * GridHeight;
    private static readonly string[] Classes = ["plastic", "rubber", "metal"];
    private static readonly DetectionDecodingSettings Settings = new(0.5f, 0.5f, 10);

    // An 8x4 grid over a 128x64 frame: 16 px per cell; 1 cm per pixel makes the sizes easy to check.
    private const int FrameWidth = 128;
    private const int FrameHeight = 64;
    private const double MetresPerPixel = 0.01;

    [Fact]
    public void OnePeak_GivesItsBoxInFramePixelsAndSizeInCm()
    {
        var (heat, box) = Empty();
        Set(heat, box, cls: 2, x: 3, y: 1, score: 0.9f, offX: 0.5f, offY: 0.25f, widthCells: 2, heightCells: 1);

        var result = Decode(heat, box);

        var d = Assert.Single(result);
        Assert.Equal("metal", d.ClassName);
        Assert.Equal(0.9f, d.Score);
        // Centre ((3 + 0.5) * 16, (1 + 0.25) * 16) = (56, 20); size 32 x 16.
        AssertBox(new PixelBox(40, 12, 72, 28), d.Box);
        Assert.Equal(32, d.WidthCm, 3);
        Assert.Equal(16, d.LengthCm, 3);
        Assert.Equal(32, d.SizeCm, 3);
    }

    [Fact]
    public void NeighboursOfAPeak_AreNotDetectionsOfTheirOwn()
    {
        var (heat, box) = Empty();
        Set(heat, box, cls: 0, x: 3, y: 1, score: 0.9f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);
        Set(heat, box, cls: 0, x: 4, y: 1, score: 0.8f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);
        Set(heat, box, cls: 1, x: 3, y: 2, score: 0.7f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);

        var result = Decode(heat, box);

        Assert.Equal(0.9f, Assert.Single(result).Score);
    }

    [Fact]
    public void ScoresBelowTheThreshold_AreIgnored()
    {
        var (heat, box) = Empty();
        Set(heat, box, cls: 0, x: 1, y: 1, score: 0.49f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);

        Assert.Empty(Decode(heat, box));
    }

    [Fact]
    public void TheBestClassOfACell_NamesTheDetection()
    {
        var (heat, box) = Empty();
        Set(heat, box, cls: 0, x: 5, y: 2, score: 0.6f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);
        heat[(1 * Cells) + (2 * GridWidth) + 5] = 0.75f;

        var d = Assert.Single(Decode(heat, box));

        Assert.Equal("rubber", d.ClassName);
        Assert.Equal(0.75f, d.Score);
    }

    [Fact]
    public void OverlappingBoxesOfTwoPeaks_KeepOnlyTheStronger_WhateverTheirClasses()
    {
        var (heat, box) = Empty();
        // Two peaks two cells apart, each claiming a 6x4-cell box: IoU = (4x4)/(6x4+6x4-4x4) = 0.5 -> suppressed (>= 0.5).
        Set(heat, box, cls: 0, x: 2, y: 1, score: 0.7f, offX: 0.5f, offY: 0.5f, widthCells: 6, heightCells: 4);
        Set(heat, box, cls: 2, x: 4, y: 1, score: 0.8f, offX: 0.5f, offY: 0.5f, widthCells: 6, heightCells: 4);

        var d = Assert.Single(Decode(heat, box));

        Assert.Equal("metal", d.ClassName);
    }

    [Fact]
    public void SeparateItems_AreAllKept_BestFirst()
    {
        var (heat, box) = Empty();
        Set(heat, box, cls: 0, x: 1, y: 1, score: 0.6f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);
        Set(heat, box, cls: 1, x: 6, y: 2, score: 0.95f, offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);

        var result = Decode(heat, box);

        Assert.Equal(["rubber", "plastic"], result.Select(d => d.ClassName));
    }

    [Fact]
    public void BoxesReachingOutOfTheFrame_AreClippedToIt()
    {
        var (heat, box) = Empty();
        // Centre (8, 8), 4x4 cells = 64 px: raw box -24..40, clipped to 0..40.
        Set(heat, box, cls: 0, x: 0, y: 0, score: 0.9f, offX: 0.5f, offY: 0.5f, widthCells: 4, heightCells: 4);

        var d = Assert.Single(Decode(heat, box));

        AssertBox(new PixelBox(0, 0, 40, 40), d.Box);
        Assert.Equal(40, d.WidthCm, 3);
    }

    [Fact]
    public void MoreCandidatesThanTheCap_KeepTheBest()
    {
        var (heat, box) = Empty();
        for (var i = 0; i < 4; i++)
        {
            Set(heat, box, cls: 0, x: i * 2, y: 0, score: 0.6f + (0.1f * i), offX: 0.5f, offY: 0.5f, widthCells: 1, heightCells: 1);
        }

        var result = DetectionDecoder.Decode(heat, box, GridWidth, GridHeight, Classes, Settings with { MaxDetections = 2 }, FrameWidth, FrameHeight, MetresPerPixel);

        Assert.Equal([0.9f, 0.8f], result.Select(d => d.Score).Select(s => MathF.Round(s, 3)));
    }

    [Fact]
    public void OutputsOfTheWrongSize_AreRefused() =>
        Assert.Throws<ArgumentException>(() => DetectionDecoder.Decode(new float[10], new float[4 * Cells], GridWidth, GridHeight, Classes, Settings, FrameWidth, FrameHeight, MetresPerPixel));

    [Fact]
    public void IoU_OfHandMadeBoxes()
    {
        Assert.Equal(1f / 7f, new PixelBox(0, 0, 2, 2).IntersectionOverUnion(new PixelBox(1, 1, 3, 3)), 5);
        Assert.Equal(0f, new PixelBox(0, 0, 1, 1).IntersectionOverUnion(new PixelBox(1, 0, 2, 1)));
        Assert.Equal(1f, new PixelBox(5, 5, 9, 7).IntersectionOverUnion(new PixelBox(5, 5, 9, 7)));
    }

    private static List<DebrisDetection> Decode(float[] heat, float[] box) =>
        DetectionDecoder.Decode(heat, box, GridWidth, GridHeight, Classes, Settings, FrameWidth, FrameHeight, MetresPerPixel);

    private static (float[] Heat, float[] Box) Empty() => (new float[Classes.Length * Cells], new float[4 * Cells]);

    private static void Set(float[] heat, float[] box, int cls, int x, int y, float score, float offX, float offY, float widthCells, float heightCells)
    {
        var cell = (y * GridWidth) + x;
        heat[(cls * Cells) + cell] = score;
        box[cell] = offX;
        box[Cells + cell] = offY;
        box[(2 * Cells) + cell] = MathF.Log(widthCells);
        box[(3 * Cells) + cell] = MathF.Log(heightCells);
    }

    private static void AssertBox(PixelBox expected, PixelBox actual)
    {
        Assert.Equal(expected.X0, actual.X0, 3);
        Assert.Equal(expected.Y0, actual.Y0, 3);
        Assert.Equal(expected.X1, actual.X1, 3);
        Assert.Equal(expected.Y1, actual.Y1, 3);
    }
}
