namespace SmartCustoms.Drivers.Camera.Frames;

/// <summary>Releases the JPEG and pixel buffers of one frame together. Not thread-safe.</summary>
internal sealed class CompositeOwner(IDisposable? first, IDisposable? second) : IDisposable
{
    public static IDisposable? Of(IDisposable? first, IDisposable? second) =>
        first is null ? second : second is null ? first : new CompositeOwner(first, second);

    public void Dispose()
    {
        first?.Dispose();
        second?.Dispose();
    }
}
