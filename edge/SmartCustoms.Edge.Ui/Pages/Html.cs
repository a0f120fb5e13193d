using System.Text.Encodings.Web;

namespace SmartCustoms.Edge.Ui.Pages;

/// <summary>The page frame shared by all panel pages. Scripts are files under <c>/ui/assets</c>: no inline script.</summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Page(string title, string bodyClass, string body, params string[] scripts) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · SmartCustoms lane</title>
        <link rel="stylesheet" href="/ui/assets/ui.css">
        </head>
        <body class="{bodyClass}">
        {body}
        {string.Concat(scripts.Select(s => $"<script src=\"/ui/assets/{s}\"></script>\n"))}
        </body>
        </html>
        """;
}
