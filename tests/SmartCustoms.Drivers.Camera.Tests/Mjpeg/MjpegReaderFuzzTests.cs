using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Camera.Mjpeg;
using SmartCustoms.Drivers.Camera.Tests.Infrastructure;
using SmartCustoms.Tests.Shared;

namespace SmartCustoms.Drivers.Camera.Tests.Mjpeg;

/// <summary>
/// Thousands of random and mutated byte streams (fixed seeds, so a failure replays): the reader may only
/// answer with parts, a clean end, or <see cref="ProtocolException"/>/<see cref="DeviceException"/>; it must
/// finish each stream promptly and never allocate beyond its limits. 10,000 streams in CI; more with SC_FUZZ_CASES.
/// </summary>
public sealed class MjpegReaderFuzzTests
{
    private static readonly int Streams = FuzzCases.Count(10_000);
    private static readonly MjpegReaderLimits Limits = new(MaxPartBytes: 64 * 1024, MaxHeaderBytes: 4096, MaxLineBytes: 1024, ReadBufferBytes: 16 * 1024);

    // Parts are ≤ MaxPartBytes; the pooled body may double once, and the reader has its window and small strings.
    private static readonly long AllocationBound = (4L * Limits.MaxPartBytes) + Limits.ReadBufferBytes + (256 * 1024);

    private static readonly byte[][] Seeds = BuildSeeds();

    [Fact]
    public async Task Random_and_mutated_streams_never_crash_hang_or_overallocate()
    {
        var seed = FuzzCases.Seed(20261127);
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Streams; i++)
        {
            var bytes = i % 10 == 0 ? RandomBytes(random) : Mutate(Seeds[random.Next(Seeds.Length)], random);
            var chunk = random.Next(1, 4096);
            var outcome = await ReadWithBounds(new ChunkedStream(bytes, _ => chunk), i, seed);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The corpus must exercise both paths, else the test proves little.
        Assert.True(outcomes.GetValueOrDefault("parts") > Streams / 20, Describe(outcomes));
        Assert.True(outcomes.GetValueOrDefault("protocol") > Streams / 20, Describe(outcomes));
    }

    private static async Task<string> ReadWithBounds(Stream stream, int index, int seed)
    {
        var reader = new MultipartMjpegReader(stream, index % 3 == 0 ? null : "frame", Limits);
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var parts = 0;
        try
        {
            // The streams are in memory, so every await completes synchronously on this thread and the allocation
            // counter of this thread sees everything the reader allocates.
            while (await reader.ReadPartAsync(timeout.Token) is { } part)
            {
                using (part)
                {
                    Assert.True(part.Body.Length <= Limits.MaxPartBytes, $"seed {seed} stream {index}: part of {part.Body.Length} bytes");
                    parts++;
                }

                Assert.True(parts < 10_000, $"seed {seed} stream {index}: no progress");
            }

            return parts > 0 ? "parts" : "empty";
        }
        catch (ProtocolException)
        {
            return "protocol";
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"seed {seed} stream {index}: the reader hung");
            throw;
        }
        finally
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBound, $"seed {seed} stream {index}: allocated {allocated} bytes (bound {AllocationBound})");
        }
    }

    private static byte[][] BuildSeeds()
    {
        var images = TestImages.Jpegs(4, 64, 48);
        return
        [
            new MultipartBytes().Part("--frame", images[0], sequence: 1).Part("--frame", images[1], sequence: 2).Text("--frame--\r\n").ToArray(),
            new MultipartBytes().Part("--frame", images[2], contentLength: false).Part("--frame", images[3], contentLength: false).Text("--frame--\r\n").ToArray(),
            new MultipartBytes().Part("frame", images[0], newline: "\n").Part("frame", images[1], contentLength: false, newline: "\n").Text("frame--\n").ToArray(),
            new MultipartBytes().Text("\r\n\r\n").Part("--frame", images[1]).Text("\r\n\r\n").Part("--frame", images[2]).ToArray(),
        ];
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 200_000)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0)
        {
            // Sprinkle line ends and boundary-like text so the line and delimiter logic gets exercised too.
            for (var k = 0; k < bytes.Length / 50; k++)
            {
                var at = random.Next(bytes.Length);
                var piece = random.Next(3) switch { 0 => "\r\n"u8.ToArray(), 1 => "\r\n--frame\r\n"u8.ToArray(), _ => "Content-Length: 99999999\r\n"u8.ToArray() };
                piece.AsSpan(0, Math.Min(piece.Length, bytes.Length - at)).CopyTo(bytes.AsSpan(at));
            }
        }

        return bytes;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var mutations = random.Next(1, 8);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
                case 4:
                    bytes.InsertRange(at, "\r\n"u8.ToArray());
                    break;
                case 5:
                    bytes.InsertRange(at, "Content-Length: 4294967296000\r\n"u8.ToArray());
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'A', random.Next(1, 5000)));
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static string Describe(Dictionary<string, int> outcomes) =>
        string.Join(", ", outcomes.Select(kv => $"{kv.Key}={kv.Value}"));
}
