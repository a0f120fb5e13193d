using System.Globalization;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace SmartCustoms.Edge.Messaging.Tests.Fuzz;

/// <summary>
/// Thousands of generated and mutated MQTT command messages (seeded, so a failure names the seed and case that
/// replay it) through <see cref="CommandParser"/>: random topics, JSON payloads (valid, mutated, deeply nested,
/// oversized, invalid UTF-8) and user properties. Each either parses into a command whose payload is a JSON object
/// and whose name is the last topic level, or is refused with an error that names the command or topic — never an
/// exception, never a hang, and allocation bounded by the message size. 10,000 cases in CI; <c>SC_FUZZ_CASES</c>
/// (and <c>SC_FUZZ_SEED</c>) for longer runs (tests/README.md).
/// </summary>
public sealed class CommandParserFuzzTests
{
    private const int MaxBytes = 16 * 1024;
    private static readonly MqttTopics Topics = new("pier7", "lane2");
    private static readonly string[] Names = ["start-lot", "end-lot", "ack-alarm", "set-threshold", "take-sample", "calibrate", "x", "ünïcode", "a b", "+", "#"];
    private static readonly string[] Keys = ["lotId", "declaredBrand", "alarmId", "user", "reason", "value", "", "\u0000", "é", "$ref", "__proto__"];

    public static TheoryData<int> Seeds => new() { 1, 2, 20261127 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Generated_and_mutated_commands_parse_or_are_refused_with_a_named_error(int testSeed)
    {
        var seed = Seed(testSeed);
        var cases = Cases(3_400);
        var outcome = await Task.Factory.StartNew(() => Fuzz(seed, cases), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(60) * Math.Max(1, cases / 3_400));

        Assert.True(outcome.Parsed > cases / 20, $"seed {seed}: only {outcome.Parsed} of {cases} parsed");
        Assert.True(outcome.Refused > cases / 10, $"seed {seed}: only {outcome.Refused} of {cases} refused");
    }

    private static (int Parsed, int Refused) Fuzz(int seed, int cases)
    {
        var random = new Random(seed);
        int parsed = 0, refused = 0;
        for (var i = 0; i < cases; i++)
        {
            var name = $"seed {seed} case {i}";
            var commandName = Names[random.Next(Names.Length)];
            var topic = random.Next(8) switch
            {
                0 => "sc/v1/pier7/lane2/cmd/" + commandName + "/extra",
                1 => "sc/v1/pier7/lane3/cmd/" + commandName,
                2 => "sc/v1/pier7/lane2/cmd/",
                _ => "sc/v1/pier7/lane2/cmd/" + commandName,
            };
            var payload = random.Next(10) switch
            {
                0 => RandomBytes(random),
                1 => Deep(random),
                2 => Encoding.UTF8.GetBytes(JsonValue(random, 0)),
                3 or 4 or 5 => Encoding.UTF8.GetBytes(JsonValue(random, 0, objectRoot: true)),
                _ => Mutate(Encoding.UTF8.GetBytes(JsonValue(random, 0, objectRoot: true)), random),
            };
            var builder = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload);
            for (var p = random.Next(4); p > 0; p--)
            {
                var value = new byte[random.Next(0, 40)];
                random.NextBytes(value);
                builder.WithUserProperty(random.Next(2) == 0 ? "sender" : Keys[random.Next(Keys.Length)], value.AsMemory());
            }

            var message = builder.Build();
            var before = GC.GetAllocatedBytesForCurrentThread();
            bool ok;
            MqttCommand? command;
            string? error;
            try
            {
                ok = CommandParser.TryParse(message, Topics, MaxBytes, out command, out error);
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name}: {ex.GetType().Name}: {ex.Message} for topic '{topic}', payload {Convert.ToHexString(payload.AsSpan(0, Math.Min(80, payload.Length)))}");
                throw;
            }

            // A parsed payload is cloned once (a few times its size) plus the properties; far beyond that would be a
            // parser that trusts something in the message.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var bound = (64 * 1024) + (16L * payload.Length);
            Assert.True(allocated < bound, $"{name}: {allocated} bytes allocated for a {payload.Length}-byte payload (bound {bound})");

            if (ok)
            {
                Assert.NotNull(command);
                Assert.Null(error);
                Assert.Equal(JsonValueKind.Object, command.Payload.ValueKind);
                Assert.Equal(topic[Topics.CommandPrefix.Length..], command.Name);
                Assert.True(payload.Length <= MaxBytes, $"{name}: a {payload.Length}-byte payload passed the {MaxBytes}-byte limit");
                parsed++;
            }
            else
            {
                Assert.Null(command);
                Assert.False(string.IsNullOrWhiteSpace(error), name);
                Assert.True(error.Contains("command '", StringComparison.Ordinal) || error.Contains("topic '", StringComparison.Ordinal), $"{name}: '{error}' names neither command nor topic");
                refused++;
            }
        }

        return (parsed, refused);
    }

    private static string JsonValue(Random random, int depth, bool objectRoot = false)
    {
        var kind = objectRoot ? 0 : random.Next(depth > 4 ? 3 : 6);
        switch (kind)
        {
            case 0:
            {
                var members = Enumerable.Range(0, random.Next(0, 6))
                    .Select(_ => JsonSerializer.Serialize(Keys[random.Next(Keys.Length)]) + ":" + JsonValue(random, depth + 1));
                return "{" + string.Join(",", members) + "}";
            }

            case 1:
                return (random.NextDouble() * Math.Pow(10, random.Next(-10, 310))).ToString("R", CultureInfo.InvariantCulture);
            case 2:
                return JsonSerializer.Serialize(new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(0, 0xD7FF)).ToArray()));
            case 3:
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => JsonValue(random, depth + 1))) + "]";
            case 4:
                return random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" };
            default:
                return JsonValue(random, depth + 1, objectRoot: true);
        }
    }

    private static byte[] Deep(Random random)
    {
        // Nesting far beyond the JSON reader's depth limit (64), or a payload beyond the size limit.
        var depth = random.Next(10, 5_000);
        var open = random.Next(2) == 0 ? "{\"a\":" : "[";
        var text = new StringBuilder("{\"x\":");
        for (var d = 0; d < depth; d++)
        {
            text.Append(open);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, random.Next(20) == 0 ? MaxBytes * 2 : 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        for (var m = random.Next(1, 5); m > 0; m--)
        {
            var at = list.Count == 0 ? 0 : random.Next(list.Count);
            switch (random.Next(5))
            {
                case 0 when list.Count > 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1 when list.Count > 0:
                    list.RemoveAt(at);
                    break;
                case 2:
                    list.InsertRange(at, Encoding.UTF8.GetBytes(new[] { "\"", "{", "}", "[", "]", ",", ":", "\\u", "\\", "1e999", "NaN", "\u0000" }[random.Next(12)]));
                    break;
                case 3 when list.Count > 0:
                    list.RemoveRange(at, list.Count - at);
                    break;
                default:
                    list.Insert(at, (byte)random.Next(0x80, 0x100)); // invalid UTF-8
                    break;
            }
        }

        return [.. list];
    }

    // SC_FUZZ_CASES / SC_FUZZ_SEED as in tests/Shared/FuzzCases.cs (this project does not link it).
    private static int Cases(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("SC_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    private static int Seed(int testSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("SC_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? unchecked(s + testSeed) : testSeed;
}
