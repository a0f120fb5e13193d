using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace SmartCustoms.Edge.Hosting;

/// <summary>
/// Finds keys of a settings file that no options class reads, so a typo ("Devices:Nir:Hots", "Strorage") is
/// reported instead of silently leaving the default in force. The known sections are the options classes the
/// gateway registers (each has a <c>SectionName</c> constant, the house convention); sections read by the
/// framework and Serilog (<see cref="FreeFormSections"/>) are not checked. Pure apart from reflection.
/// </summary>
internal static class UnknownSettings
{
    /// <summary>Top-level sections read by ASP.NET Core, the host and Serilog rather than by our options classes.</summary>
    public static readonly IReadOnlySet<string> FreeFormSections = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Serilog", "Logging", "Urls", "AllowedHosts", "Kestrel", "Environment", "ContentRoot", "DetailedErrors", "HostFilteringOptions",
    };

    /// <summary>Keys read directly from the configuration rather than through an options class.</summary>
    public static readonly IReadOnlySet<string> DirectKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        GatewayServiceCollectionExtensions.SimulateKey,
    };

    /// <summary>The section name and type of every options class registered in <paramref name="services"/>.</summary>
    public static IReadOnlyDictionary<string, Type> SectionsOf(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType.IsGenericType &&
                descriptor.ServiceType.GetGenericTypeDefinition() is var definition &&
                (definition == typeof(IConfigureOptions<>) || definition == typeof(IValidateOptions<>)) &&
                descriptor.ServiceType.GetGenericArguments()[0] is var options &&
                options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field &&
                field.GetRawConstantValue() is string name)
            {
                sections[name] = options;
            }
        }

        return sections;
    }

    /// <summary>One line per key of <paramref name="file"/> that nothing reads; empty when every key is known.</summary>
    public static IReadOnlyList<string> Find(IConfiguration file, IReadOnlyDictionary<string, Type> sections)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sections);
        var problems = new List<string>();
        foreach (var top in file.GetChildren())
        {
            if (!FreeFormSections.Contains(top.Key) && !DirectKeys.Contains(top.Path))
            {
                CheckContainer(top, sections, problems);
            }
        }

        return problems;
    }

    // A section that is not itself an options class but holds some ("Devices", "Lane", "Testing").
    private static void CheckContainer(IConfigurationSection section, IReadOnlyDictionary<string, Type> sections, List<string> problems)
    {
        if (sections.TryGetValue(section.Path, out var type))
        {
            CheckObject(section, type, problems);
            return;
        }

        var prefix = section.Path + ":";
        if (!sections.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            var siblings = SiblingNames(section.Path, sections);
            problems.Add($"{section.Path}: unknown setting, nothing reads it" + (siblings.Count > 0 ? $" (known here: {string.Join(", ", siblings)})" : ""));
            return;
        }

        foreach (var child in section.GetChildren().Where(c => !DirectKeys.Contains(c.Path)))
        {
            CheckContainer(child, sections, problems);
        }
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (DirectKeys.Contains(child.Path))
            {
                continue;
            }

            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name).Order(StringComparer.Ordinal);
                problems.Add($"{child.Path}: unknown setting, {section.Path} has {string.Join(", ", known)}");
                continue;
            }

            CheckValue(child, property.PropertyType, problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> problems)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            problems.Add($"{section.Path}: is a single value ({type.Name}), not a section with {string.Join(", ", children.Select(c => c.Key))}");
            return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            children.ForEach(c => CheckValue(c, valueType, problems));
            return;
        }

        if (ElementType(type) is { } elementType)
        {
            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{child.Path}: {section.Path} is a list; its entries are numbered 0, 1, 2 …");
                    continue;
                }

                CheckValue(child, elementType, problems);
            }

            return;
        }

        CheckObject(section, type, problems);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) ||
        type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static Type? DictionaryValueType(Type type) =>
        (type.IsGenericType ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            .Select(i => i.GetGenericArguments()[1])
            .FirstOrDefault();

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static List<string> SiblingNames(string path, IReadOnlyDictionary<string, Type> sections)
    {
        var parent = path.Contains(':', StringComparison.Ordinal) ? path[..path.LastIndexOf(':')] + ":" : "";
        return sections.Keys
            .Where(k => k.StartsWith(parent, StringComparison.OrdinalIgnoreCase))
            .Select(k => k[parent.Length..].Split(':')[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
