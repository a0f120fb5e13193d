namespace SmartCustoms.Edge.Core.Options;

/// <summary>What a stratum of stratified random sampling is measured in.</summary>
public enum StratumBasis
{
    Mass,
    Time,
}
