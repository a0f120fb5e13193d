namespace SmartCustoms.Models.Visual;

/// <summary>
/// The visual detector when visual detection is on (<c>Models:VisualModelPath</c> set), else null: consumers
/// such as the camera worker ask here instead of failing when it is off. The model is loaded at host start
/// (a missing or mismatched file stops the start). Thread-safe.
/// </summary>
public sealed class VisualDetectorAccessor(Func<VisualDetector?> load) : IDisposable
{
    private readonly Lazy<VisualDetector?> _detector = new(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public VisualDetector? Detector => _detector.Value;

    public void Dispose()
    {
        if (_detector.IsValueCreated)
        {
            _detector.Value?.Dispose();
        }
    }
}
