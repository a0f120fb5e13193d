namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>A person who may sign in, with the hash of their PIN. Immutable.</summary>
internal sealed record UiUser(string Name, UiRole Role, PinHash Pin);
