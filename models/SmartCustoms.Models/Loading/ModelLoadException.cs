namespace SmartCustoms.Models.Loading;

/// <summary>A model file that is missing, unreadable or does not match what the code expects.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception; the message starts with the file path.</summary>
    public ModelLoadException(string filePath, string problem)
        : base($"Model {filePath}: {problem}")
    {
        FilePath = filePath;
    }

    /// <summary>Creates the exception.</summary>
    public ModelLoadException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>The model file concerned.</summary>
    public string FilePath { get; }
}
