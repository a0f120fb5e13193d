namespace SmartCustoms.Models.Spectra;

/// <summary>A spectrum file that cannot be used; the message names the file and the line.</summary>
public sealed class SpectrumFileException : Exception
{
    /// <summary>Creates the exception; the message becomes "<c>file</c> line <c>n</c>: <c>problem</c>".</summary>
    public SpectrumFileException(string filePath, int lineNumber, string problem)
        : base(lineNumber > 0 ? $"{filePath} line {lineNumber}: {problem}" : $"{filePath}: {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public SpectrumFileException()
    {
        FilePath = string.Empty;
        Problem = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public SpectrumFileException(string message)
        : base(message)
    {
        FilePath = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception.</summary>
    public SpectrumFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
        Problem = message;
    }

    /// <summary>The file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, 0 when the problem is the whole file (e.g. it does not exist).</summary>
    public int LineNumber { get; }

    /// <summary>The problem without the file and line prefix.</summary>
    public string Problem { get; }
}
