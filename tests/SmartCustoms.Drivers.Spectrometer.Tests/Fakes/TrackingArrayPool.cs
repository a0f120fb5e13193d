using System.Buffers;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Fakes;

/// <summary>An array pool that remembers the largest buffer anyone asked for, and whether all were returned.</summary>
internal sealed class TrackingArrayPool : ArrayPool<byte>
{
    private int _largestRequest;
    private int _outstanding;

    public int LargestRequest => Volatile.Read(ref _largestRequest);

    public int Outstanding => Volatile.Read(ref _outstanding);

    public override byte[] Rent(int minimumLength)
    {
        int seen;
        while ((seen = Volatile.Read(ref _largestRequest)) < minimumLength &&
               Interlocked.CompareExchange(ref _largestRequest, minimumLength, seen) != seen)
        {
        }

        Interlocked.Increment(ref _outstanding);
        return new byte[minimumLength];
    }

    public override void Return(byte[] array, bool clearArray = false) => Interlocked.Decrement(ref _outstanding);
}
