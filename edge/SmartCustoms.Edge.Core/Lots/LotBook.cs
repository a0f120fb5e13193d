using System.Globalization;

namespace SmartCustoms.Edge.Core.Lots;

/// <summary>
/// The open lot and the recent ones (segments still on the belt when a lot ends are counted into it).
/// Validates start-lot / end-lot. Not thread-safe: the lane core locks.
/// </summary>
public sealed class LotBook
{
    private const int RecentKept = 32;

    private readonly TimeProvider _time;
    private readonly Dictionary<string, Lot> _lots = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public LotBook(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public Lot? Current { get; private set; }

    public Lot? Find(string? lotId) => lotId is null ? null : _lots.GetValueOrDefault(lotId);

    public CommandResult Start(LotDeclaration? declaration, out Lot? lot)
    {
        lot = null;
        var error = Validate(declaration);
        if (error is not null)
        {
            return CommandResult.Fail(error);
        }

        if (Current is not null)
        {
            return CommandResult.Fail($"lot '{Current.Id}' is already open: end it before starting '{declaration!.LotId}'");
        }

        if (_lots.ContainsKey(declaration!.LotId))
        {
            return CommandResult.Fail($"lot '{declaration.LotId}' was already run on this lane: use a new lot id");
        }

        lot = new Lot(declaration with
        {
            LotId = declaration.LotId.Trim(),
            DeclarationNumber = declaration.DeclarationNumber.Trim(),
            Vessel = declaration.Vessel.Trim(),
            DeclaredBrand = declaration.DeclaredBrand.Trim(),
            HsCode = declaration.HsCode.Trim(),
        }, _time.GetUtcNow(), _time.GetTimestamp());
        Current = lot;
        _lots[lot.Id] = lot;
        _order.Enqueue(lot.Id);
        while (_order.Count > RecentKept)
        {
            _lots.Remove(_order.Dequeue());
        }

        return CommandResult.Success;
    }

    /// <summary>Ends the open lot; <paramref name="lotId"/>, when given, must name it.</summary>
    public CommandResult End(string? lotId, out Lot? lot)
    {
        lot = Current;
        if (lot is null)
        {
            return CommandResult.Fail("no lot is open");
        }

        if (!string.IsNullOrWhiteSpace(lotId) && !string.Equals(lotId.Trim(), lot.Id, StringComparison.Ordinal))
        {
            return CommandResult.Fail($"lot '{lotId}' is not the open lot (open: '{lot.Id}')");
        }

        lot.EndedAt = _time.GetUtcNow();
        Current = null;
        return CommandResult.Success;
    }

    /// <summary>Most characters kept in a release note.</summary>
    public const int MaxReleaseNoteLength = 500;

    /// <summary>
    /// Records a supervisor's release of lot <paramref name="lotId"/> (the open lot when null) held at HOLD.
    /// Refused when the lot is unknown, not on HOLD, or the note or user is missing.
    /// </summary>
    public CommandResult Release(string? lotId, string? user, string? note, out Lot? lot)
    {
        lot = string.IsNullOrWhiteSpace(lotId) ? Current : Find(lotId.Trim());
        if (lot is null)
        {
            return CommandResult.Fail(string.IsNullOrWhiteSpace(lotId)
                ? "release-hold: no lot is open (name the lot with 'lotId')"
                : $"release-hold: lot '{lotId}' is not known on this lane (open or recent lots only)");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            return CommandResult.Fail("release-hold: the releasing supervisor ('user') is required");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return CommandResult.Fail("release-hold: a note is required (what the manual inspection found)");
        }

        if (note.Trim().Length > MaxReleaseNoteLength)
        {
            return CommandResult.Fail(string.Create(CultureInfo.InvariantCulture, $"release-hold: the note must be at most {MaxReleaseNoteLength} characters"));
        }

        if (lot.Verdict.Level != Options.LotVerdictLevel.Hold)
        {
            var level = lot.Verdict.Level.ToString().ToUpperInvariant();
            var id = lot.Id;
            lot = null;
            return CommandResult.Fail($"release-hold: lot '{id}' is not on HOLD (verdict {level}): nothing to release");
        }

        lot.Release(new HoldRelease(user.Trim(), _time.GetUtcNow(), note.Trim(), lot.Verdict.Reasons, lot.ContaminatedSegments));
        return CommandResult.Success;
    }

    private static string? Validate(LotDeclaration? d)
    {
        if (d is null)
        {
            return "the start-lot command needs a declaration";
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(d.LotId))
        {
            missing.Add("lotId");
        }

        if (string.IsNullOrWhiteSpace(d.DeclarationNumber))
        {
            missing.Add("declarationNumber");
        }

        if (string.IsNullOrWhiteSpace(d.Vessel))
        {
            missing.Add("vessel");
        }

        if (string.IsNullOrWhiteSpace(d.DeclaredBrand))
        {
            missing.Add("declaredBrand");
        }

        if (string.IsNullOrWhiteSpace(d.HsCode))
        {
            missing.Add("hsCode");
        }

        if (missing.Count > 0)
        {
            return $"start-lot is missing {string.Join(", ", missing)}";
        }

        if (!double.IsFinite(d.DeclaredMassTonnes) || d.DeclaredMassTonnes <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"declaredMassTonnes must be > 0, got {d.DeclaredMassTonnes}");
        }

        var hs = d.HsCode.Trim().Replace(".", string.Empty, StringComparison.Ordinal);
        if (hs.Length is < 6 or > 10 || !hs.All(char.IsAsciiDigit))
        {
            return $"hsCode must be 6-10 digits (dots allowed), got '{d.HsCode}'";
        }

        return d.LotId.Trim().Length > 64 ? "lotId must be at most 64 characters" : null;
    }
}
