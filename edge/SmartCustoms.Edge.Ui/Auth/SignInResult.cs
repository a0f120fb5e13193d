namespace SmartCustoms.Edge.Ui.Auth;

/// <summary>The answer to a sign-in attempt: the user, or a message for the person at the panel.</summary>
internal sealed record SignInResult(UiUser? User, string? Error);
