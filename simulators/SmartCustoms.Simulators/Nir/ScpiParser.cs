namespace SmartCustoms.Simulators.Nir;

/// <summary>
/// Parses a command line. Keywords match case-insensitively in their short form (the capitals of
/// the long form, e.g. <c>SENS</c>) or long form (<c>SENSe</c>), as SCPI allows:
/// <c>SENS:WAV?</c> = <c>sense:wavelength?</c>. A leading colon is accepted. Stateless, thread-safe.
/// </summary>
public static class ScpiParser
{
    private static readonly (string[] Keywords, bool Query, ScpiHeader Header)[] Table =
    [
        (["*IDN"], true, ScpiHeader.Identify),
        (["*RST"], false, ScpiHeader.Reset),
        (["*CLS"], false, ScpiHeader.ClearStatus),
        (["SYSTem", "ERRor"], true, ScpiHeader.SystemError),
        (["SYSTem", "ERRor", "NEXT"], true, ScpiHeader.SystemError),
        (["SENSe", "WAVelength"], true, ScpiHeader.Wavelengths),
        (["SENSe", "PIXels"], true, ScpiHeader.PixelCount),
        (["CONFigure", "INTegration"], false, ScpiHeader.Integration),
        (["CONFigure", "INTegration"], true, ScpiHeader.Integration),
        (["CONFigure", "AVERage"], false, ScpiHeader.Averages),
        (["CONFigure", "AVERage"], true, ScpiHeader.Averages),

        // CONTRACT.md spells the averaging command CONF:AVG.
        (["CONFigure", "AVG"], false, ScpiHeader.Averages),
        (["CONFigure", "AVG"], true, ScpiHeader.Averages),
        (["MEASure", "SPECtrum"], true, ScpiHeader.MeasureSpectrum),
        (["FETCh", "BURSt"], true, ScpiHeader.FetchBurst),
        (["CALibration", "DARK"], true, ScpiHeader.DarkReference),
        (["CALibration", "WHITe"], true, ScpiHeader.WhiteReference),
        (["STATus", "TEMPerature"], true, ScpiHeader.Temperature),
        (["STATus", "LAMP"], true, ScpiHeader.LampHours),
    ];

    public static ScpiCommand Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string text = line.Trim();
        int space = text.IndexOfAny([' ', '\t']);
        string header = space < 0 ? text : text[..space];
        string argument = space < 0 ? string.Empty : text[(space + 1)..].Trim();
        bool query = header.EndsWith('?');
        if (query)
        {
            header = header[..^1];
        }

        if (header.StartsWith(':'))
        {
            header = header[1..];
        }

        string[] parts = header.Split(':');
        foreach (var (keywords, isQuery, h) in Table)
        {
            if (isQuery == query && Matches(parts, keywords))
            {
                return new ScpiCommand(h, query, argument);
            }
        }

        return new ScpiCommand(ScpiHeader.Unknown, query, argument);
    }

    private static bool Matches(string[] parts, string[] keywords)
    {
        if (parts.Length != keywords.Length)
        {
            return false;
        }

        for (int i = 0; i < parts.Length; i++)
        {
            string longForm = keywords[i];
            string shortForm = new([.. longForm.Where(c => !char.IsLower(c))]);
            if (!string.Equals(parts[i], shortForm, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(parts[i], longForm, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
