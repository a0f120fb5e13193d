using System.Buffers.Binary;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Modbus.Protocol;
using SmartCustoms.Drivers.Modbus.Tests.Infrastructure;
using SmartCustoms.Tests.Shared;
using Xunit.Abstractions;

namespace SmartCustoms.Drivers.Modbus.Tests.Protocol;

/// <summary>
/// Thousands of random and mutated frames (seeded, so a failure reproduces) through the frame reader and
/// the response check: each ends in success, <see cref="ProtocolException"/> or <see cref="ModbusException"/>
/// (an empty stream: <see cref="ModbusConnectionException"/>); nothing hangs; no frame makes the reader
/// allocate anywhere near what a length field could ask for.
/// </summary>
public sealed class ModbusFuzzTests(ITestOutputHelper output)
{
    /// <summary>Per seed: 2 × 20,000 in CI; SC_FUZZ_CASES for longer runs.</summary>
    private static readonly int Iterations = FuzzCases.Count(20_000);

    /// <summary>Exceptions and their stack traces cost a few KB; a reader that trusted the length field would take up to 64 KB.</summary>
    private const long AllocationBound = 8_192;

    private static readonly ModbusRequest[] Requests =
    [
        ModbusRequest.ReadHoldingRegisters(0x006B, 3),
        ModbusRequest.ReadInputRegisters(0, 10),
        ModbusRequest.ReadDiscreteInputs(0, 4),
        ModbusRequest.WriteSingleRegister(1, 3),
        ModbusRequest.WriteMultipleRegisters(0, [1, 2]),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(20261127)]
    public async Task Random_and_mutated_frames_end_in_success_or_a_named_error(int seed)
    {
        // A dedicated thread: a long synchronous loop on the pool would starve the socket tests running beside it.
        seed = FuzzCases.Seed(seed);
        var outcome = await Task.Factory.StartNew(() => Fuzz(seed), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(60) * Math.Max(1, Iterations / 20_000));
        output.WriteLine($"seed {seed}: {outcome.Successes} ok, {outcome.ProtocolErrors} protocol errors, {outcome.ExceptionResponses} exception responses, max {outcome.MaxAllocated} bytes allocated for one frame");
        // The generator must reach every path, or the test proves little.
        Assert.True(outcome.Successes > 100, $"only {outcome.Successes} successes");
        Assert.True(outcome.ProtocolErrors > 1000, $"only {outcome.ProtocolErrors} protocol errors");
        Assert.True(outcome.ExceptionResponses > 50, $"only {outcome.ExceptionResponses} exception responses");
        Assert.True(outcome.MaxAllocated < AllocationBound, $"one frame allocated {outcome.MaxAllocated} bytes");
    }

    private static FuzzOutcome Fuzz(int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[ModbusLimits.MaxAduLength];
        var registers = new ushort[125];
        var bits = new bool[2000];
        var outcome = new FuzzOutcome();
        for (var i = 0; i < Iterations; i++)
        {
            var request = Requests[random.Next(Requests.Length)];
            var frame = MakeFrame(random, request);
            Stream stream = random.Next(10) == 0 ? new OneByteStream(frame) : new MemoryStream(frame);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var read = ModbusFrameReader.ReadAduAsync(stream, buffer, CancellationToken.None);
                if (!read.IsCompleted)
                {
                    Assert.Fail("an in-memory read did not complete synchronously");
                }

                var length = read.AsTask().GetAwaiter().GetResult();
                Assert.InRange(length, 8, ModbusLimits.MaxAduLength);
                var pdu = ModbusResponseParser.ValidateAdu(buffer.AsSpan(0, length), 1, 1, request);
                if (request.Function is ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters)
                {
                    ModbusResponseParser.ReadRegisters(pdu, registers.AsSpan(0, request.Quantity));
                }
                else if (request.Function == ModbusFunctionCode.ReadDiscreteInputs)
                {
                    ModbusResponseParser.ReadBits(pdu, bits.AsSpan(0, request.Quantity));
                }

                outcome.Successes++;
            }
            catch (ModbusException)
            {
                outcome.ExceptionResponses++;
            }
            catch (ProtocolException)
            {
                outcome.ProtocolErrors++;
            }
            catch (ModbusConnectionException) when (frame.Length == 0)
            {
                outcome.ProtocolErrors++;
            }

            if (stream is MemoryStream)
            {
                outcome.MaxAllocated = Math.Max(outcome.MaxAllocated, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        return outcome;
    }

    private static byte[] MakeFrame(Random random, ModbusRequest request)
    {
        var valid = ValidResponse(random, request);
        switch (random.Next(7))
        {
            case 0:
                var noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return valid;
            case 2:
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    valid[random.Next(valid.Length)] ^= (byte)random.Next(1, 256);
                }

                return valid;
            case 3:
                return valid[..random.Next(valid.Length)];
            case 4:
                BinaryPrimitives.WriteUInt16BigEndian(valid.AsSpan(4), (ushort)random.Next(0, 65536));
                return valid.Concat(new byte[random.Next(0, 400)]).ToArray();
            case 5:
                byte code = (byte)random.Next(0, 16);
                return [0, 1, 0, 0, 0, 3, 1, (byte)((byte)request.Function | 0x80), code];
            default:
                // Header fields only: transaction, protocol, unit.
                valid[random.Next(7)] = (byte)random.Next(256);
                return valid;
        }
    }

    private static byte[] ValidResponse(Random random, ModbusRequest request)
    {
        byte[] pdu;
        switch (request.Function)
        {
            case ModbusFunctionCode.ReadHoldingRegisters:
            case ModbusFunctionCode.ReadInputRegisters:
                pdu = new byte[2 + (2 * request.Quantity)];
                random.NextBytes(pdu);
                pdu[1] = (byte)(2 * request.Quantity);
                break;
            case ModbusFunctionCode.ReadDiscreteInputs:
                pdu = new byte[2 + ((request.Quantity + 7) / 8)];
                random.NextBytes(pdu);
                pdu[1] = (byte)(pdu.Length - 2);
                break;
            default:
                // A write is answered with the first 5 bytes of its request (function, address, value or quantity).
                var full = new byte[request.PduLength];
                request.WritePdu(full);
                pdu = full[..5];
                break;
        }

        pdu[0] = (byte)request.Function;
        var frame = new byte[7 + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 1);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(pdu.Length + 1));
        frame[6] = 1;
        pdu.CopyTo(frame, 7);
        return frame;
    }

    private sealed class FuzzOutcome
    {
        public int Successes { get; set; }

        public int ProtocolErrors { get; set; }

        public int ExceptionResponses { get; set; }

        public long MaxAllocated { get; set; }
    }
}
