using Microsoft.Playwright;

namespace SmartCustoms.Edge.EndToEndTests;

/// <summary>Saves page screenshots at 1280×800 to <c>docs/screenshots/</c> of the repository (for the README).</summary>
internal static class Screenshots
{
    public static readonly ViewportSize PanelSize = new() { Width = 1280, Height = 800 };

    public static async Task SaveAsync(IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png") });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartCustoms.Edge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SmartCustoms.Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
