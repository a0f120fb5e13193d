using SmartCustoms.Edge.Core.Lots;
using SmartCustoms.Edge.Core.Tests.Infrastructure;

namespace SmartCustoms.Edge.Core.Tests.Lots;

public sealed class LotBookTests
{
    private readonly LotBook _lots = new(new LaneClock().Time);

    [Fact]
    public void Start_and_end_a_lot()
    {
        Assert.True(_lots.Start(TestLane.Declaration(), out var lot).Ok);
        Assert.Same(lot, _lots.Current);
        Assert.True(_lots.End("LOT-1", out var ended).Ok);
        Assert.Same(lot, ended);
        Assert.Null(_lots.Current);
        Assert.NotNull(ended!.EndedAt);
    }

    [Fact]
    public void A_second_lot_cannot_start_while_one_is_open()
    {
        _lots.Start(TestLane.Declaration("LOT-1"), out _);
        var result = _lots.Start(TestLane.Declaration("LOT-2"), out _);
        Assert.False(result.Ok);
        Assert.Equal("lot 'LOT-1' is already open: end it before starting 'LOT-2'", result.Error);
    }

    [Fact]
    public void A_lot_id_cannot_be_reused()
    {
        _lots.Start(TestLane.Declaration("LOT-1"), out _);
        _lots.End(null, out _);
        Assert.Contains("already run", _lots.Start(TestLane.Declaration("LOT-1"), out _).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_are_all_named()
    {
        var result = _lots.Start(new LotDeclaration("", "DEC", " ", "Pilbara Blend", 1000, ""), out _);
        Assert.Equal("start-lot is missing lotId, vessel, hsCode", result.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Declared_mass_must_be_positive(double mass)
    {
        var result = _lots.Start(TestLane.Declaration(massTonnes: mass), out _);
        Assert.StartsWith("declaredMassTonnes must be > 0", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2601.11.00", true)]
    [InlineData("260111", true)]
    [InlineData("26011", false)]
    [InlineData("iron ore", false)]
    public void Hs_code_must_be_6_to_10_digits(string hs, bool ok)
    {
        var result = _lots.Start(TestLane.Declaration() with { HsCode = hs }, out _);
        Assert.Equal(ok, result.Ok);
    }

    [Fact]
    public void End_lot_errors_are_clear()
    {
        Assert.Equal("no lot is open", _lots.End(null, out _).Error);
        _lots.Start(TestLane.Declaration("LOT-1"), out _);
        Assert.Equal("lot 'LOT-9' is not the open lot (open: 'LOT-1')", _lots.End("LOT-9", out _).Error);
    }
}
