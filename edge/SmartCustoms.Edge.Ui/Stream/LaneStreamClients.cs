namespace SmartCustoms.Edge.Ui.Stream;

/// <summary>How many live streams are open (pages showing the lane), for diagnostics. Thread-safe.</summary>
internal sealed class LaneStreamClients
{
    private int _open;
    private long _served;

    public int Open => Volatile.Read(ref _open);

    public long Served => Interlocked.Read(ref _served);

    public Lease Enter()
    {
        Interlocked.Increment(ref _open);
        Interlocked.Increment(ref _served);
        return new Lease(this);
    }

    internal readonly struct Lease(LaneStreamClients owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._open);
    }
}
