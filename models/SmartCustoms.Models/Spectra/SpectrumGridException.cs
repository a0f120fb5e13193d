namespace SmartCustoms.Models.Spectra;

/// <summary>A wavelength grid the model cannot use (too narrow, not ascending, too short).</summary>
public sealed class SpectrumGridException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpectrumGridException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpectrumGridException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpectrumGridException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
