using System.Text;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Spectrometer.Scpi;
using SmartCustoms.Drivers.Spectrometer.Tests.Fakes;
using SmartCustoms.Tests.Shared;

namespace SmartCustoms.Drivers.Spectrometer.Tests.Scpi;

/// <summary>
/// Feeds thousands of random and mutated replies (seeded, so failures reproduce) to the reader:
/// it must succeed or throw ProtocolException/DeviceException, finish in time, stay within its
/// allocation bound and return every pooled buffer. 3 seeds × 3,400 cases in CI; SC_FUZZ_CASES cases per seed for longer runs.
/// </summary>
public sealed class BlockReaderFuzzTests
{
    private const int MaxBlockBytes = 4096;
    private const int MaxLineBytes = 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_and_mutated_replies_only_succeed_or_fail_cleanly(int seed)
    {
        seed = FuzzCases.Seed(seed);
        var random = new Random(seed);
        var pool = new TrackingArrayPool();
        var outcomes = new int[3];
        for (var i = 0; i < FuzzCases.Count(3_400); i++)
        {
            var (bytes, original) = Generate(random);
            var outcome = await ReadOnceAsync(bytes, original, random.Next(2) == 0, chunk: 1 + random.Next(64), pool, $"seed {seed} case {i}");
            outcomes[outcome]++;
        }

        // 64 KiB is the reader's own receive buffer; no block may ever ask for more than the configured maximum.
        Assert.True(pool.LargestRequest <= Math.Max(64 * 1024, MaxBlockBytes), $"largest pool request {pool.LargestRequest}");
        Assert.Equal(0, pool.Outstanding);
        Assert.All(outcomes, count => Assert.True(count > 0, $"outcomes (ok, protocol, device): {string.Join(',', outcomes)}"));
    }

    [Fact]
    public async Task Replies_that_stop_midway_without_closing_time_out_cleanly()
    {
        var random = new Random(42);
        var pool = new TrackingArrayPool();
        for (var i = 0; i < 40; i++)
        {
            var (bytes, _) = Generate(random);
            var cut = bytes[..random.Next(bytes.Length)];
            using var stream = new InstrumentStream();
            stream.Push(cut);
            using var reader = new ScpiReader(stream, new ScpiReaderLimits(TimeSpan.FromMilliseconds(20), MaxBlockBytes, MaxLineBytes), TimeProvider.System, pool);

            var ex = await Record.ExceptionAsync(() => reader.ReadBlockAsync(CancellationToken.None).AsTask().WaitAsync(Deadline));

            Assert.True(ex is DeviceException, $"case {i}: {ex?.GetType().Name}: {ex?.Message}");
        }

        Assert.Equal(0, pool.Outstanding);
    }

    /// <returns>0 success, 1 ProtocolException, 2 other DeviceException.</returns>
    private static async Task<int> ReadOnceAsync(byte[] bytes, byte[]? original, bool asBlock, int chunk, TrackingArrayPool pool, string name)
    {
        using var stream = new InstrumentStream();
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            stream.Push(bytes[offset..Math.Min(bytes.Length, offset + chunk)]);
        }

        stream.CloseFromInstrument();
        using var reader = new ScpiReader(stream, new ScpiReaderLimits(TimeSpan.FromSeconds(5), MaxBlockBytes, MaxLineBytes), TimeProvider.System, pool);
        try
        {
            if (asBlock)
            {
                using var block = await reader.ReadBlockAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
                Assert.True(block.Length <= MaxBlockBytes, name);
                Assert.Equal(0, block.Length % 4);
                if (original is not null && bytes.AsSpan().SequenceEqual(Wire.Block(original)))
                {
                    Assert.Equal(original, block.Span.ToArray());
                }
            }
            else
            {
                var line = await reader.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
                Assert.True(line.Length <= MaxLineBytes, name);
            }

            return 0;
        }
        catch (ProtocolException)
        {
            return 1;
        }
        catch (DeviceException)
        {
            return 2;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{name}: {ex.GetType().Name}: {ex.Message} for {Convert.ToHexString(bytes.AsSpan(0, Math.Min(64, bytes.Length)))}");
            throw;
        }
    }

    private static (byte[] Bytes, byte[]? Original) Generate(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
            {
                var garbage = new byte[random.Next(0, 200)];
                random.NextBytes(garbage);
                return (garbage, null);
            }

            case 1:
            {
                // A plausible header with random digits, then some payload.
                var digits = random.Next(0, 12);
                var header = "#" + (char)('0' + Math.Min(digits, 9)) + string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
                var tail = new byte[random.Next(0, 100)];
                random.NextBytes(tail);
                return ([.. Encoding.ASCII.GetBytes(header), .. tail], null);
            }

            default:
            {
                var payload = new byte[4 * random.Next(0, 1500)];
                random.NextBytes(payload);
                var valid = Wire.Block(payload);
                return random.Next(3) == 0 ? (valid, payload) : (Mutate(valid, random), payload);
            }
        }
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations && list.Count > 0; m++)
        {
            var at = random.Next(Math.Min(list.Count, random.Next(2) == 0 ? 8 : list.Count));
            switch (random.Next(4))
            {
                case 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1:
                    list.RemoveAt(at);
                    break;
                case 2:
                    list.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    list.RemoveRange(at, list.Count - at);
                    break;
            }
        }

        return [.. list];
    }
}
