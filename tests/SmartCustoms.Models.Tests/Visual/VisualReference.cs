using System.Text.Json;

namespace SmartCustoms.Models.Tests.Visual;

/// <summary>TestData/visual/reference-outputs.json (+ .f32), written by models/training/train_visual.py.</summary>
internal sealed record VisualReference(float Threshold, VisualReference.Frame[] Frames, float[] Outputs)
{
    public static VisualReference Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestFiles.Data("visual/reference-outputs.json")));
        var root = json.RootElement;
        var frames = root.GetProperty("frames").EnumerateArray().Select(f => new Frame(
            f.GetProperty("jpeg").GetString()!,
            f.GetProperty("input_sha256").GetString()!,
            [.. f.GetProperty("detections").EnumerateArray().Select(d => new Detection(
                d.GetProperty("class").GetString()!,
                d.GetProperty("score").GetSingle(),
                [.. d.GetProperty("box").EnumerateArray().Select(v => v.GetSingle())]))])).ToArray();
        var bytes = File.ReadAllBytes(TestFiles.Data("visual/" + root.GetProperty("outputs_file").GetString()));
        var outputs = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, outputs, 0, bytes.Length);
        return new VisualReference(root.GetProperty("threshold").GetSingle(), frames, outputs);
    }

    internal sealed record Frame(string Jpeg, string InputSha256, Detection[] Detections);

    internal sealed record Detection(string Class, float Score, float[] Box);
}
