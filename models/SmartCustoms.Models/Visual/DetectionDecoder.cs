namespace SmartCustoms.Models.Visual;

/// <summary>
/// Turns the detector's grid outputs into boxes, exactly as models/training/train_visual.py <c>decode</c>
/// does (its evaluation measured these numbers): per cell the best class; a cell is a candidate when its
/// score reaches the threshold and is the maximum of its 3×3 neighbourhood; the best candidates first
/// (row-major order among equal scores), at most <see cref="DetectionDecodingSettings.MaxDetections"/>;
/// greedy class-agnostic NMS (one item is one alarm, whatever class it is given); boxes clipped to the frame.
/// Stateless and thread-safe.
/// </summary>
public static class DetectionDecoder
{
    /// <param name="heatmap">[classes, gridHeight, gridWidth] centre probabilities.</param>
    /// <param name="box">[4, gridHeight, gridWidth]: centre offset x, y in the cell (0-1), log width, log height in cells.</param>
    /// <param name="gridWidth">Output cells across.</param>
    /// <param name="gridHeight">Output cells down.</param>
    /// <param name="classNames">Heatmap channels.</param>
    /// <param name="settings">Threshold, NMS overlap, cap.</param>
    /// <param name="frameWidth">Width of the frame the boxes are wanted in, pixels.</param>
    /// <param name="frameHeight">Height of that frame, pixels.</param>
    /// <param name="metresPerPixel">Camera scale on the belt at that frame size (for the sizes in cm).</param>
    public static List<DebrisDetection> Decode(
        ReadOnlySpan<float> heatmap,
        ReadOnlySpan<float> box,
        int gridWidth,
        int gridHeight,
        IReadOnlyList<string> classNames,
        DetectionDecodingSettings settings,
        int frameWidth,
        int frameHeight,
        double metresPerPixel)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(settings);
        var cells = gridWidth * gridHeight;
        if (gridWidth <= 0 || gridHeight <= 0 || heatmap.Length != classNames.Count * cells || box.Length != VisualModelContract.BoxChannels * cells)
        {
            throw new ArgumentException($"Outputs do not match a {classNames.Count}x{gridHeight}x{gridWidth} grid (heatmap {heatmap.Length}, box {box.Length} values).");
        }

        var candidates = new List<(int Cell, int Class, float Score)>();
        for (var y = 0; y < gridHeight; y++)
        {
            for (var x = 0; x < gridWidth; x++)
            {
                var (cls, score) = Best(heatmap, cells, classNames.Count, (y * gridWidth) + x);
                if (score >= settings.ScoreThreshold && IsPeak(heatmap, cells, classNames.Count, gridWidth, gridHeight, x, y, score))
                {
                    candidates.Add(((y * gridWidth) + x, cls, score));
                }
            }
        }

        // Stable: equal scores keep row-major order, like numpy's stable argsort in the training code.
        var ordered = candidates.OrderByDescending(c => c.Score).Take(settings.MaxDetections);
        var cellWidth = frameWidth / (double)gridWidth;
        var cellHeight = frameHeight / (double)gridHeight;
        var cmPerPixel = metresPerPixel * 100;
        var kept = new List<DebrisDetection>();
        var unclipped = new List<PixelBox>();
        foreach (var (cell, cls, score) in ordered)
        {
            int x = cell % gridWidth, y = cell / gridWidth;
            var cx = (x + box[cell]) * cellWidth;
            var cy = (y + box[cells + cell]) * cellHeight;
            var w = Math.Exp(box[(2 * cells) + cell]) * cellWidth;
            var h = Math.Exp(box[(3 * cells) + cell]) * cellHeight;
            var raw = new PixelBox((float)(cx - (w / 2)), (float)(cy - (h / 2)), (float)(cx + (w / 2)), (float)(cy + (h / 2)));
            if (unclipped.Any(k => k.IntersectionOverUnion(raw) >= settings.NmsIou))
            {
                continue;
            }

            unclipped.Add(raw);
            var clipped = new PixelBox(
                Math.Clamp(raw.X0, 0, frameWidth), Math.Clamp(raw.Y0, 0, frameHeight), Math.Clamp(raw.X1, 0, frameWidth), Math.Clamp(raw.Y1, 0, frameHeight));
            kept.Add(new DebrisDetection(classNames[cls], score, clipped, clipped.Width * cmPerPixel, clipped.Height * cmPerPixel));
        }

        return kept;
    }

    private static (int Class, float Score) Best(ReadOnlySpan<float> heatmap, int cells, int classes, int cell)
    {
        var best = 0;
        var score = heatmap[cell];
        for (var c = 1; c < classes; c++)
        {
            var s = heatmap[(c * cells) + cell];
            if (s > score)
            {
                (best, score) = (c, s);
            }
        }

        return (best, score);
    }

    private static bool IsPeak(ReadOnlySpan<float> heatmap, int cells, int classes, int gridWidth, int gridHeight, int x, int y, float score)
    {
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= gridWidth || ny >= gridHeight)
                {
                    continue;
                }

                if (Best(heatmap, cells, classes, (ny * gridWidth) + nx).Score > score)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
