using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartCustoms.Drivers.Camera;
using SmartCustoms.Drivers.LaneIo;
using SmartCustoms.Drivers.Modbus;
using SmartCustoms.Drivers.Spectrometer;
using SmartCustoms.Edge.Core.Hosting;
using SmartCustoms.Edge.Messaging;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Ui.Hosting;
using SmartCustoms.Models;
using Xunit.Abstractions;

namespace SmartCustoms.Edge.Tests.Fuzz;

/// <summary>
/// Random and hostile strings bound into every options class the Add… extensions register with a validator
/// (devices, MQTT, storage, lane, UI, models), as the host does on start: bind the section, then run the
/// registered validators. Each case must end in one of three named outcomes: valid; refused by the binder with
/// the full key in its message; or refused by the validators with every message naming a key of its section —
/// never another exception (a validator that divides by zero or dereferences null on odd input), never a hang.
/// 6,000 cases in CI; <c>SC_FUZZ_CASES</c> (and <c>SC_FUZZ_SEED</c>) for longer runs (tests/README.md).
/// </summary>
public sealed class SettingsFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Hostile =
    [
        "", " ", "0", "-1", "1", "65535", "65536", "2147483648", "-2147483649", "99999999999999999999", "1e400", "-1e400", "NaN", "Infinity",
        "-Infinity", "0.5", "1,5", "00:00:00", "-00:00:01", "00:00:00.001", "10675199.02:48:05.4775807", "-10675199.02:48:05.4775808",
        "1.00:00:00", "24:00:00", "true", "false", "TRUE", "yes", "tcp", "serial", "TCP", "mjpeg", "rtsp", "file", "v4l2", "none", "null",
        "/dev/ttyUSB0", "http://127.0.0.1:8081/stream.mjpg", "ftp://x", "not a url", "../../etc/passwd", "C:\\x", "\0", "\u00e9\u00e8",
        "'; DROP TABLE", "{", "}", "[", "$(reboot)", "%s%n", "\r\n", "\t",
    ];

    private static readonly Lazy<IReadOnlyList<Target>> Targets = new(DiscoverTargets);

    public static TheoryData<int> Seeds => new() { 1, 2, 20261127 };

    [Fact]
    public void Every_device_and_lane_section_is_covered()
    {
        var sections = Targets.Value.Select(t => t.Section).ToHashSet(StringComparer.Ordinal);

        foreach (var expected in new[] { "Devices:Nir", "Devices:Camera", "Devices:Sampler", "Devices:BeltScale", "Devices:Radiation", "Devices:LaneIo", "Mqtt", "Storage" })
        {
            Assert.Contains(expected, sections);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_settings_are_valid_or_refused_with_a_message_naming_the_key(int testSeed)
    {
        var seed = Seed(testSeed);
        // The configuration binder costs ~1 ms a case (reflection): 3 × 2,000 here keeps CI at a few seconds.
        var cases = Cases(2_000);
        var outcome = await Task.Factory.StartNew(() => Fuzz(seed, cases), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(120) * Math.Max(1, cases / 2_000));

        output.WriteLine($"seed {seed}: {outcome.Valid} valid, {outcome.BinderRefused} refused by the binder, {outcome.ValidatorRefused} by the validators; sections {string.Join(", ", Targets.Value.Select(t => t.Section))}");
        Assert.True(outcome.Valid > 0, $"seed {seed}: no case was valid ({outcome})");
        Assert.True(outcome.BinderRefused > cases / 20, $"seed {seed}: binder refusals {outcome}");
        Assert.True(outcome.ValidatorRefused > cases / 20, $"seed {seed}: validator refusals {outcome}");
    }

    private static (int Valid, int BinderRefused, int ValidatorRefused) Fuzz(int seed, int cases)
    {
        var random = new Random(seed);
        int valid = 0, binder = 0, validator = 0;
        foreach (var i in Enumerable.Range(0, cases))
        {
            var target = Targets.Value[random.Next(Targets.Value.Count)];
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                values[target.Keys[random.Next(target.Keys.Count)]] = Value(random);
            }

            var name = $"seed {seed} case {i}: {target.Section} with {string.Join(", ", values.Select(v => $"{v.Key}='{v.Value}'"))}";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
            var options = Activator.CreateInstance(target.OptionsType)!;
            try
            {
                configuration.GetSection(target.Section).Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                // The binder names the full key ("… at 'Devices:Nir:Port' to type 'System.Int32'").
                Assert.True(values.Keys.Any(k => ex.Message.Contains(k, StringComparison.OrdinalIgnoreCase)), $"{name}: binder message names no key: {ex.Message}");
                binder++;
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name}: binding threw {ex.GetType().Name}: {ex.Message}");
            }

            var failures = new List<string>();
            foreach (var v in target.Validators)
            {
                ValidateOptionsResult result;
                try
                {
                    result = target.Validate(v, options);
                }
                catch (TargetInvocationException ex)
                {
                    Assert.Fail($"{name}: validator {v.GetType().Name} threw {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}");
                    throw;
                }

                failures.AddRange(result.Failed ? result.Failures ?? [result.FailureMessage] : []);
            }

            if (failures.Count == 0)
            {
                valid++;
                continue;
            }

            foreach (var failure in failures)
            {
                Assert.True(failure.Contains(target.Section + ":", StringComparison.OrdinalIgnoreCase) || failure.Contains(target.Section, StringComparison.Ordinal),
                    $"{name}: validation message does not name a key of {target.Section}: '{failure}'");
            }

            validator++;
        }

        return (valid, binder, validator);
    }

    private static string Value(Random random) => random.Next(6) switch
    {
        0 => RandomString(random, random.Next(0, 40)),
        1 => RandomString(random, random.Next(1_000, 4_000)),
        2 => random.Next(-1_000_000, 1_000_000).ToString(CultureInfo.InvariantCulture),
        3 => (random.NextDouble() * Math.Pow(10, random.Next(-5, 12)) * (random.Next(2) == 0 ? -1 : 1)).ToString("R", CultureInfo.InvariantCulture),
        _ => Hostile[random.Next(Hostile.Length)],
    };

    private static string RandomString(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var k = 0; k < length; k++)
        {
            text.Append((char)random.Next(1, random.Next(4) == 0 ? 0xD7FF : 128));
        }

        return text.ToString();
    }

    /// <summary>Each options class with a SectionName that the Add… extensions register validators for, with every key below its section.</summary>
    private static List<Target> DiscoverTargets()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSpectrometer().AddCamera().AddModbusDevices().AddLaneIo().AddMqtt().AddEdgeStorage().AddLaneCore().AddOperatorUi().AddModels();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var provider = services.BuildServiceProvider();

        var targets = new List<Target>();
        var optionsTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct();
        foreach (var type in optionsTypes)
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not string section)
            {
                continue;
            }

            var validatorType = typeof(IValidateOptions<>).MakeGenericType(type);
            var validate = validatorType.GetMethod(nameof(IValidateOptions<object>.Validate))!;
            var validators = provider.GetServices(validatorType).OfType<object>().ToArray();
            var keys = new List<string>();
            CollectKeys(type, section, keys, depth: 0);
            targets.Add(new Target(section, type, keys, validators, (v, o) => (ValidateOptionsResult)validate.Invoke(v, [Options.DefaultName, o])!));
        }

        return targets;
    }

    private static void CollectKeys(Type type, string prefix, List<string> keys, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = prefix + ":" + property.Name;
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(DateTimeOffset) || t == typeof(Uri))
            {
                if (property.CanWrite)
                {
                    keys.Add(key);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(t))
            {
                keys.Add(key + ":0");
                keys.Add(key + ":x");
                keys.Add(key + ":0:Name");
            }
            else if (t.IsClass && depth < 3)
            {
                CollectKeys(t, key, keys, depth + 1);
            }
        }
    }

    // SC_FUZZ_CASES / SC_FUZZ_SEED as in tests/Shared/FuzzCases.cs (this project does not link it).
    private static int Cases(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("SC_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    private static int Seed(int testSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("SC_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? unchecked(s + testSeed) : testSeed;

    private sealed record Target(string Section, Type OptionsType, IReadOnlyList<string> Keys, object[] Validators, Func<object, object, ValidateOptionsResult> Validate);
}
