namespace SmartCustoms.Edge.Ui.Options;

/// <summary>One entry of <c>Ui:Users</c>.</summary>
public sealed class UiUserOptions
{
    /// <summary>Shown on the sign-in tiles and recorded as the command sender.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The PIN in clear (4-8 digits). Prefer <see cref="PinHash"/> in production settings.</summary>
    public string Pin { get; set; } = string.Empty;

    /// <summary>
    /// <c>pbkdf2-sha256:{iterations}:{saltBase64}:{hashBase64}</c> (32-byte hash), e.g. made with
    /// <c>PinHasher.Hash</c>. Used instead of <see cref="Pin"/> when set.
    /// </summary>
    public string PinHash { get; set; } = string.Empty;

    /// <summary><c>operator</c>, <c>supervisor</c>, <c>technician</c> or <c>remote-officer</c>.</summary>
    public string Role { get; set; } = string.Empty;
}
