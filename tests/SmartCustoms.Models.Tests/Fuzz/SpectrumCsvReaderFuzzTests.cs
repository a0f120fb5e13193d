using System.Globalization;
using System.Text;
using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Tests.Fuzz;

/// <summary>
/// Thousands of generated and mutated spectrum files (seeded, so a failure names the seed and case that
/// replay it) through <see cref="SpectrumCsvReader"/>: each either reads into a consistent file (strictly
/// ascending finite grid, one value per wavelength in every spectrum, values finite or NaN) or fails with a
/// <see cref="SpectrumFileException"/> that names the source and a line of the input — never another exception,
/// never a hang, and allocation bounded by the input's size. 10,000 cases in CI; <c>SC_FUZZ_CASES</c> (and
/// <c>SC_FUZZ_SEED</c>) for longer runs (tests/README.md).
/// </summary>
public sealed class SpectrumCsvReaderFuzzTests
{
    private const string Source = "fuzz.csv";
    private static readonly ModelGrid Coverage = new(1050, 5, 161);

    private static readonly string[] Tokens =
    [
        ",", "\n", "\r\n", "\r", " ", "\t", "\"", "nan", "NaN", "-nan", "inf", "Infinity", "-1", "0", "-0", "1e308", "1e309", "-1e309",
        "1e-320", "0x1F", "1,5", "1.5.5", "٣", "\u00a0", "\0", "_pct", "wavelength_nm", "reflectance", "reflectance_pct", "9999999999999999999999",
        "1E+38", "3.5e38", "\uFEFF", "e", ".", "+", "--1",
    ];

    public static TheoryData<int> Seeds => new() { 1, 2, 20261127 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Generated_and_mutated_files_read_consistently_or_fail_with_a_named_line(int testSeed)
    {
        var seed = Seed(testSeed);
        var cases = Cases(3_400);
        // A dedicated thread: the allocation counter is per thread, and a long synchronous loop must not starve the pool.
        var outcomes = await Task.Factory.StartNew(() => Fuzz(seed, cases), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(60) * Math.Max(1, cases / 3_400));

        // The generator must reach both outcomes in numbers, or the test proves little.
        Assert.True(outcomes.Read > cases / 20, $"seed {seed}: only {outcomes.Read} files read of {cases}");
        Assert.True(outcomes.Rejected > cases / 5, $"seed {seed}: only {outcomes.Rejected} files rejected of {cases}");
    }

    [Fact]
    public void A_percent_value_beyond_any_reflectance_is_rejected_not_read_as_infinity()
    {
        var ex = Assert.Throws<SpectrumFileException>(() =>
            SpectrumCsvReader.Read(new StringReader("wavelength_nm,reflectance_pct\n1000,10\n1100,18.6e74\n"), Source));

        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void A_file_without_line_breaks_is_one_line_and_is_rejected_by_its_header()
    {
        var text = "wavelength_nm" + new string('x', 1_000_000);

        var ex = Assert.Throws<SpectrumFileException>(() => SpectrumCsvReader.Read(new StringReader(text), Source));

        Assert.Equal(1, ex.LineNumber);
    }

    private static (int Read, int Rejected) Fuzz(int seed, int cases)
    {
        var random = new Random(seed);
        int read = 0, rejected = 0;
        for (var i = 0; i < cases; i++)
        {
            var text = random.Next(10) switch
            {
                0 => RandomText(random),
                1 or 2 => Generate(random),
                _ => Mutate(Generate(random), random),
            };
            var name = $"seed {seed} case {i}";
            var coverage = random.Next(4) == 0 ? Coverage : null;
            var lines = text.Count(c => c is '\n' or '\r') + 1;
            var columns = text.Count(c => c == ',') + 1;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var allocated = 0L;
            try
            {
                var file = SpectrumCsvReader.Read(new StringReader(text), Source, coverage);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Check(file, name);
                read++;
            }
            catch (SpectrumFileException ex)
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(ex.Message.StartsWith(Source, StringComparison.Ordinal), $"{name}: message does not name the source: {ex.Message}");
                Assert.InRange(ex.LineNumber, 1, lines + 1);
                Assert.False(string.IsNullOrWhiteSpace(ex.Problem), name);
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name}: {ex.GetType().Name}: {ex.Message} for {Show(text)}");
            }

            // Strings are UTF-16 (2 bytes a char) and lines are split into cells; each header column pre-sizes
            // its value list (256 floats). Anything beyond a linear bound would be a reader that trusts the input.
            var bound = (256 * 1024) + (64L * text.Length) + (2048L * columns);
            Assert.True(allocated < bound, $"{name}: {allocated} bytes allocated for {text.Length} chars (bound {bound})");
        }

        return (read, rejected);
    }

    private static void Check(SpectrumFile file, string name)
    {
        var grid = file.WavelengthsNm.Span;
        Assert.True(grid.Length >= 2, $"{name}: a grid of {grid.Length}");
        for (var k = 0; k < grid.Length; k++)
        {
            Assert.True(double.IsFinite(grid[k]), $"{name}: wavelength {grid[k]}");
            Assert.True(k == 0 || grid[k] > grid[k - 1], $"{name}: grid not ascending at {k}");
        }

        Assert.NotEmpty(file.Spectra);
        foreach (var spectrum in file.Spectra)
        {
            Assert.Equal(grid.Length, spectrum.Reflectance.Length);
            Assert.False(string.IsNullOrWhiteSpace(spectrum.Name), name);
            foreach (var value in spectrum.Reflectance.Span)
            {
                Assert.True(float.IsNaN(value) || float.IsFinite(value), $"{name}: reflectance {value} in '{spectrum.Name}'");
            }
        }
    }

    private static string Generate(Random random)
    {
        var columns = random.Next(1, random.Next(8) == 0 ? 24 : 5);
        var percent = Enumerable.Range(0, columns).Select(_ => random.Next(3) == 0).ToArray();
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        var text = new StringBuilder();
        text.Append(random.Next(5) == 0 ? "\"wavelength_nm\"" : "wavelength_nm");
        for (var c = 0; c < columns; c++)
        {
            text.Append(',').Append(columns == 1 ? "reflectance" : "s" + (c + 1).ToString(CultureInfo.InvariantCulture)).Append(percent[c] ? "_pct" : string.Empty);
        }

        text.Append(newline);
        var rows = random.Next(0, random.Next(10) == 0 ? 200 : 40);
        var nm = 900 + (random.NextDouble() * 200);
        for (var r = 0; r < rows; r++)
        {
            text.Append(nm.ToString("R", CultureInfo.InvariantCulture));
            for (var c = 0; c < columns; c++)
            {
                var value = random.Next(30) == 0 ? "nan" : (random.NextDouble() * (percent[c] ? 100 : 1)).ToString("0.#####", CultureInfo.InvariantCulture);
                text.Append(',').Append(random.Next(20) == 0 ? " " + value + " " : value);
            }

            text.Append(newline);
            if (random.Next(30) == 0)
            {
                text.Append(newline); // blank lines are allowed
            }

            nm += 0.5 + (random.NextDouble() * 10);
        }

        return text.ToString();
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new StringBuilder(text);
        for (var m = random.Next(1, 5); m > 0; m--)
        {
            var at = chars.Length == 0 ? 0 : random.Next(chars.Length);
            switch (random.Next(6))
            {
                case 0 when chars.Length > 0:
                    chars[at] = (char)random.Next(32, 127);
                    break;
                case 1 when chars.Length > 0:
                    chars.Remove(at, Math.Min(chars.Length - at, random.Next(1, 8)));
                    break;
                case 2:
                    chars.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3 when chars.Length > 0:
                    chars.Length = at; // truncated file
                    break;
                case 4:
                {
                    // A whole line again (duplicate or out-of-order wavelengths).
                    var lines = chars.ToString().Split('\n');
                    var line = lines[random.Next(lines.Length)];
                    chars.Insert(at, line + "\n");
                    break;
                }

                default:
                    chars.Insert(at, (char)random.Next(0, 0x3000));
                    break;
            }
        }

        return chars.ToString();
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var n = random.Next(0, 300); n > 0; n--)
        {
            text.Append(random.Next(3) == 0 ? Tokens[random.Next(Tokens.Length)] : ((char)random.Next(0, 128)).ToString());
        }

        return text.ToString();
    }

    private static string Show(string text) =>
        "'" + (text.Length > 200 ? text[..200] + "…" : text).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    // SC_FUZZ_CASES / SC_FUZZ_SEED as in tests/Shared/FuzzCases.cs (this project does not link it).
    private static int Cases(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("SC_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    private static int Seed(int testSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("SC_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? unchecked(s + testSeed) : testSeed;
}
