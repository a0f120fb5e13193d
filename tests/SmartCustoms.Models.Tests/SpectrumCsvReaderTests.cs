using SmartCustoms.Models.Spectra;

namespace SmartCustoms.Models.Tests;

public sealed class SpectrumCsvReaderTests
{
    private const string Source = "sample.csv";
    private static readonly ModelGrid Needed = new(1050, 5, 161);

    private static SpectrumFile Read(string text, ModelGrid? coverage = null) =>
        SpectrumCsvReader.Read(new StringReader(text), Source, coverage);

    private static SpectrumFileException ReadFails(string text, ModelGrid? coverage = null) =>
        Assert.Throws<SpectrumFileException>(() => Read(text, coverage));

    [Fact]
    public void Read_SingleFractionColumn_ReturnsOneSpectrum()
    {
        var file = Read("wavelength_nm,reflectance\n1000,0.10\n1500,0.25\n2000,0.5\n");

        var spectrum = Assert.Single(file.Spectra);
        Assert.Equal("reflectance", spectrum.Name);
        Assert.Equal([1000.0, 1500.0, 2000.0], spectrum.WavelengthsNm.ToArray());
        Assert.Equal([0.10f, 0.25f, 0.5f], spectrum.Reflectance.ToArray());
    }

    [Fact]
    public void Read_PercentColumn_IsConvertedToFraction()
    {
        var file = Read("wavelength_nm,reflectance_pct\r\n1000,10\r\n2000,55.5\r\n");

        Assert.Equal([0.10f, 0.555f], file.Spectra[0].Reflectance.ToArray());
    }

    [Fact]
    public void Read_SeveralColumns_ReturnsOneSpectrumPerColumnOnTheSameGrid()
    {
        var file = Read("wavelength_nm,s1,s2,s3_pct\n1000,0.1,0.2,30\n2000,0.4,0.5,60\n");

        Assert.Equal(["s1", "s2", "s3_pct"], file.Spectra.Select(s => s.Name));
        Assert.Equal([0.2f, 0.5f], file.Spectra[1].Reflectance.ToArray());
        Assert.Equal([0.3f, 0.6f], file.Spectra[2].Reflectance.ToArray());
        Assert.All(file.Spectra, s => Assert.Equal(2, s.WavelengthsNm.Length));
    }

    [Fact]
    public void Read_NaNCell_IsKeptAsAnInvalidPixel()
    {
        var file = Read("wavelength_nm,reflectance\n1000,0.1\n1005,NaN\n1010,0.1\n");

        Assert.True(float.IsNaN(file.Spectra[0].Reflectance.Span[1]));
    }

    [Fact]
    public void Read_TrailingBlankLines_AreIgnored()
    {
        var file = Read("wavelength_nm,reflectance\n1000,0.1\n2000,0.2\n\n\n");

        Assert.Equal(2, file.Spectra[0].Reflectance.Length);
    }

    [Fact]
    public void Read_EmptyFile_NamesFileAndLine1()
    {
        var ex = ReadFails(string.Empty);

        Assert.StartsWith("sample.csv line 1: empty file", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.LineNumber);
    }

    [Fact]
    public void Read_WrongHeader_NamesFileAndLine1()
    {
        var ex = ReadFails("nm,reflectance\n1000,0.1\n");

        Assert.StartsWith("sample.csv line 1: header must be", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RaggedRow_NamesItsLine()
    {
        var ex = ReadFails("wavelength_nm,s1,s2\n1000,0.1,0.2\n1005,0.1\n1010,0.1,0.2\n");

        Assert.Equal(3, ex.LineNumber);
        Assert.StartsWith("sample.csv line 3: ragged row: 2 values, the header has 3 columns", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonNumericValue_NamesLineColumnAndText()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n1000,0.1\n1005,0.1\n1010,abc\n");

        Assert.Equal("sample.csv line 4: 'abc' in column 'reflectance' is not a number.", ex.Message);
    }

    [Fact]
    public void Read_NonNumericWavelength_NamesLine()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n1000,0.1\nNaN,0.1\n");

        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("column 'wavelength_nm'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonAscendingWavelengths_NamesLine()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n1000,0.1\n1010,0.1\n1010,0.1\n");

        Assert.Equal("sample.csv line 4: wavelengths must be strictly ascending: 1010 nm follows 1010 nm.", ex.Message);
    }

    [Fact]
    public void Read_GridStartingTooLate_NamesFirstDataLine()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n1060,0.1\n1900,0.1\n", Needed);

        Assert.Equal("sample.csv line 2: the grid starts at 1060 nm; the model needs 1050-1850 nm covered.", ex.Message);
    }

    [Fact]
    public void Read_GridEndingTooEarly_NamesLastDataLine()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n1000,0.1\n1500,0.1\n1700,0.1\n", Needed);

        Assert.Equal("sample.csv line 4: the grid ends at 1700 nm; the model needs 1050-1850 nm covered.", ex.Message);
    }

    [Fact]
    public void Read_PercentValuesUnderFractionHeader_AreRefused()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n1000,12.5\n2000,13\n");

        Assert.Equal(2, ex.LineNumber);
        Assert.Contains("reflectance_pct", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_IsRefused()
    {
        var ex = ReadFails("wavelength_nm,reflectance\n");

        Assert.Contains("0 data rows", ex.Message, StringComparison.Ordinal);
    }
}
