using System.CommandLine;

namespace SmartCustoms.Simulators.Cli;

/// <summary><c>scsim nir</c>: just the NIR spectrometer (over a simulated belt, default scenario contaminated).</summary>
internal static class NirCommand
{
    public static Command Create() => LaneCommand.Build(
        "nir",
        "Run the NIR spectrometer simulator alone (SCPI over raw TCP, newline-terminated commands:\n" +
        "*IDN? *RST *CLS SYST:ERR? SENS:WAV? SENS:PIX? CONF:INT[?] CONF:AVG[?] MEAS:SPEC? FETC:BURS? n CAL:DARK? CAL:WHITE? STAT:TEMP? STAT:LAMP?).\n" +
        "It looks at a simulated belt so spectra change as ore and items pass.\n" +
        LaneRunner.ConsoleHelp,
        nirOnly: true);
}
