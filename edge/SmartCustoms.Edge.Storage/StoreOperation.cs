namespace SmartCustoms.Edge.Storage;

/// <summary>A write handed to the store's writer thread; completed by that thread after the fsync.</summary>
internal abstract class StoreOperation
{
    public abstract void Fail(Exception exception);
}
