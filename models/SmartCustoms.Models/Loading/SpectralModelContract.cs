namespace SmartCustoms.Models.Loading;

/// <summary>
/// The names the C# code and models/training/spectral_model.py agree on. A model whose graph or metadata
/// differs is refused at load time rather than producing wrong numbers.
/// </summary>
internal static class SpectralModelContract
{
    public const string InputName = "spectrum";
    public const string ProbabilitiesOutput = "probabilities";
    public const string ContaminantScoreOutput = "contaminant_score";
    public const string OodScoreOutput = "ood_score";

    public const string MetaModelId = "model_id";
    public const string MetaVersion = "model_version";
    public const string MetaClassNames = "class_names";
    public const string MetaContaminantClasses = "contaminant_classes";
    public const string MetaGridStart = "grid_start_nm";
    public const string MetaGridStep = "grid_step_nm";
    public const string MetaGridCount = "grid_count";
    public const string MetaContaminantThreshold = "contaminant_threshold";
    public const string MetaOodThreshold = "ood_threshold";

    public static readonly string[] InputNames = [InputName];
    public static readonly string[] OutputNames = [ProbabilitiesOutput, ContaminantScoreOutput, OodScoreOutput];
}
