using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace SmartCustoms.Edge.Audit;

/// <summary>
/// A fingerprint of the settings the gateway runs with: SHA-256 per top-level section over its sorted
/// <c>key=value</c> lines, and one over the sections. Only sections that a settings file, the command line or
/// code define count (plain environment variables such as PATH are not settings; <c>SC__</c> overrides of
/// those sections are). Values are hashed, never written, so secrets stay out of the audit log. Pure.
/// </summary>
internal sealed record EffectiveConfiguration(string Sha256, int Keys, IReadOnlyDictionary<string, string> Sections)
{
    public static EffectiveConfiguration Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Where(p => p is not EnvironmentVariablesConfigurationProvider))
            {
                names.UnionWith(provider.GetChildKeys([], parentPath: null));
            }
        }
        else
        {
            names.UnionWith(configuration.GetChildren().Select(c => c.Key));
        }

        var sections = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var keys = 0;
        var all = new StringBuilder();
        foreach (var name in names)
        {
            var lines = new StringBuilder();
            var section = configuration.GetSection(name);
            var pairs = section.Value is { } own
                ? [KeyValuePair.Create(name, (string?)own)]
                : section.AsEnumerable().Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
            foreach (var (key, value) in pairs)
            {
                lines.Append(key).Append('=').Append(value).Append('\n');
                keys++;
            }

            var hash = Hash(lines.ToString());
            sections[name] = hash;
            all.Append(name).Append('=').Append(hash).Append('\n');
        }

        return new EffectiveConfiguration(Hash(all.ToString()), keys, sections);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
