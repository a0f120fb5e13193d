using SmartCustoms.Edge.Hosting;
using SmartCustoms.Edge.Storage;
using SmartCustoms.Edge.Storage.Audit;

namespace SmartCustoms.Edge.Audit;

/// <summary>
/// <c>verify-audit [--data PATH] [--Storage:Path=PATH]</c>: walks the audit chain (closed files, then <c>audit.jsonl</c>) and prints OK with counts
/// (exit 0), or the first broken record and what is wrong with it (exit 2). No audit log: exit 1.
/// Reads only; safe while the gateway runs.
/// </summary>
internal static class VerifyAuditVerb
{
    public const int BrokenExitCode = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? data = null;
        var configurationArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Count)
            {
                data = args[++i];
            }
            else if (args[i] == "--data")
            {
                error.WriteLine("verify-audit: --data needs a folder (the gateway's Storage:Path)");
                return 1;
            }
            else
            {
                configurationArgs.Add(args[i]);
            }
        }

        data ??= new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(GatewayApplication.EnvironmentPrefix)
            .AddCommandLine([.. configurationArgs])
            .Build()[StorageOptions.SectionName + ":" + nameof(StorageOptions.Path)] ?? new StorageOptions().Path;
        var folder = Path.Combine(Path.GetFullPath(data), "audit");
        var files = AuditFiles.InOrder(folder);
        if (files.Count == 0)
        {
            error.WriteLine($"verify-audit: no audit log in {folder} (use --data PATH with the gateway's Storage:Path)");
            return 1;
        }

        AuditVerification result;
        try
        {
            result = AuditChainVerifier.VerifyFolder(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            error.WriteLine($"verify-audit: {folder} cannot be read: {ex.Message}");
            return 1;
        }

        var counts = string.Join(", ", result.ByCategory.Select(kv => $"{kv.Key} {kv.Value}"));
        var where = files.Count == 1 ? files[0] : $"{folder} ({files.Count} files)";
        if (result.Ok)
        {
            output.WriteLine($"OK: audit chain {where} intact: {result.Records} records ({(counts.Length == 0 ? "empty" : counts)}); head {result.LastHash ?? "(none)"}");
            return 0;
        }

        output.WriteLine($"BROKEN: audit chain {where}: record {result.BrokenLine} ({result.BrokenFile ?? AuditFiles.CurrentFileName}): {result.Problem}");
        output.WriteLine($"The {result.Records} records before it are intact ({(counts.Length == 0 ? "none" : counts)}).");
        return BrokenExitCode;
    }
}
