namespace SmartCustoms.Drivers.Camera.Ffmpeg;

/// <summary>The last lines ffmpeg wrote to stderr, for health reasons and logs. Thread-safe.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 20;
    private const int MaxLineChars = 300;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        line = line.Trim();
        if (line.Length > MaxLineChars)
        {
            line = line[..MaxLineChars] + "...";
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The last line, or null when ffmpeg said nothing.</summary>
    public string? Last()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? null : _lines.Last();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
        }
    }
}
