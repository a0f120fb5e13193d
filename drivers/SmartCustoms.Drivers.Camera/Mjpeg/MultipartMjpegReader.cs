using System.Buffers.Text;
using System.Text;
using SmartCustoms.Drivers.Abstractions;
using SmartCustoms.Drivers.Camera.Frames;

namespace SmartCustoms.Drivers.Camera.Mjpeg;

/// <summary>
/// Reads the parts of a multipart/x-mixed-replace stream (RFC 2046 §5.1) as IP cameras send them.
/// Tolerates: parts with or without Content-Length (without, the body ends at the next delimiter line),
/// delimiter lines with or without the leading "--" (and a boundary parameter that already has it),
/// extra blank lines between parts, LF instead of CRLF, no boundary parameter at all (the first "--…"
/// line is taken), and a first part that starts with its headers instead of a delimiter.
/// Rejects with <see cref="ProtocolException"/>: over-long lines, too many or too large headers, parts
/// over <see cref="MjpegReaderLimits.MaxPartBytes"/>, a stream that ends inside a part, and junk without a
/// boundary. Memory stays within the limits whatever arrives. Not thread-safe: one reader per stream.
/// </summary>
internal sealed class MultipartMjpegReader
{
    private const int MaxDashes = 4;

    private readonly Stream _stream;
    private readonly MjpegReaderLimits _limits;
    private readonly byte[] _window;
    private byte[]? _core;
    private int _start;
    private int _end;
    private bool _sawPart;

    public MultipartMjpegReader(Stream stream, string? boundary, MjpegReaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _stream = stream;
        _limits = limits;
        _window = new byte[limits.ReadBufferBytes];
        if (!string.IsNullOrWhiteSpace(boundary))
        {
            _core = Encoding.ASCII.GetBytes(MultipartBoundary.Core(boundary.Trim()));
        }
    }

    /// <summary>The boundary in use (without leading dashes), once known.</summary>
    public string? BoundaryCore => _core is null ? null : Encoding.ASCII.GetString(_core);

    /// <summary>Total bytes read from the stream.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// The next part, or null when the stream ended cleanly (between parts, or with the closing delimiter).
    /// The caller owns and disposes the part.
    /// </summary>
    public async ValueTask<MjpegPart?> ReadPartAsync(CancellationToken cancellationToken)
    {
        var headers = new PartHeaders();
        if (!await FindDelimiterAsync(headers, cancellationToken))
        {
            return null;
        }

        await ReadHeadersAsync(headers, cancellationToken);
        var body = headers.ContentLength is { } length
            ? await ReadCountedBodyAsync(length, cancellationToken)
            : await ReadScannedBodyAsync(cancellationToken);
        _sawPart = true;
        return new MjpegPart(body, headers.ContentType, headers.ContentLength, headers.Sequence, headers.Timestamp);
    }

    /// <returns>False when the stream ended before another part began.</returns>
    private async ValueTask<bool> FindDelimiterAsync(PartHeaders headers, CancellationToken cancellationToken)
    {
        var skipped = 0;
        while (true)
        {
            while (TryTakeLine(out var offset, out var length))
            {
                var line = _window.AsSpan(offset, length);
                switch (Classify(line))
                {
                    case LineKind.Delimiter:
                        return true;
                    case LineKind.CloseDelimiter:
                        return false;
                    case LineKind.Blank:
                        continue;
                }

                if (!_sawPart && skipped == 0 && LooksLikeHeader(line))
                {
                    // Some cameras start the stream with the first part's headers, no delimiter before them.
                    ParseHeader(line, headers);
                    return true;
                }

                skipped += length + 1;
                if (skipped > _limits.MaxHeaderBytes)
                {
                    throw new ProtocolException(
                        $"no multipart boundary found in {skipped} bytes (expected a line '--{BoundaryCore ?? "<boundary>"}'); last line '{Printable.Of(line)}'");
                }
            }

            if (_end - _start > _limits.MaxLineBytes)
            {
                throw new ProtocolException(
                    $"line longer than {_limits.MaxLineBytes} bytes while looking for the multipart boundary: '{Printable.Of(_window.AsSpan(_start, _end - _start))}'");
            }

            if (!await FillAsync(cancellationToken))
            {
                return false;
            }
        }
    }

    private async ValueTask ReadHeadersAsync(PartHeaders headers, CancellationToken cancellationToken)
    {
        var bytes = 0;
        var count = 0;
        while (true)
        {
            while (TryTakeLine(out var offset, out var length))
            {
                var line = _window.AsSpan(offset, length);
                if (line.IsEmpty)
                {
                    return;
                }

                bytes += length + 2;
                if (++count > _limits.MaxHeaderCount || bytes > _limits.MaxHeaderBytes)
                {
                    throw new ProtocolException(
                        $"part headers exceed {_limits.MaxHeaderCount} lines or {_limits.MaxHeaderBytes} bytes");
                }

                ParseHeader(line, headers);
            }

            if (_end - _start > _limits.MaxLineBytes)
            {
                throw new ProtocolException($"part header line longer than {_limits.MaxLineBytes} bytes: '{Printable.Of(_window.AsSpan(_start, _end - _start))}'");
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new ProtocolException("the stream ended inside the headers of a part (truncated)");
            }
        }
    }

    private void ParseHeader(ReadOnlySpan<byte> line, PartHeaders headers)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw new ProtocolException($"malformed part header line (no 'Name: value'): '{Printable.Of(line)}'");
        }

        var name = line[..colon].Trim((byte)' ');
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (name.Length == 0 || name.ContainsAny(" \t"u8))
        {
            throw new ProtocolException($"malformed part header name: '{Printable.Of(line)}'");
        }

        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (!Utf8Parser.TryParse(value, out long contentLength, out var consumed) || consumed != value.Length || contentLength < 0)
            {
                throw new ProtocolException($"invalid part Content-Length '{Printable.Of(value)}'");
            }

            if (contentLength > _limits.MaxPartBytes)
            {
                throw new ProtocolException(
                    $"part of {contentLength} bytes is larger than the limit of {_limits.MaxPartBytes} bytes (MaxPartBytes)");
            }

            headers.ContentLength = contentLength;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
        {
            headers.ContentType = Encoding.ASCII.GetString(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "X-Frame-Sequence"u8))
        {
            headers.Sequence = Encoding.ASCII.GetString(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "X-Frame-Timestamp"u8))
        {
            headers.Timestamp = Encoding.ASCII.GetString(value);
        }
    }

    private async ValueTask<PooledBuffer> ReadCountedBodyAsync(long contentLength, CancellationToken cancellationToken)
    {
        var length = (int)contentLength; // ≤ MaxPartBytes, checked when the header was parsed
        var body = new PooledBuffer(length);
        try
        {
            body.SetLength(length);
            var fromWindow = Math.Min(length, _end - _start);
            _window.AsSpan(_start, fromWindow).CopyTo(body.Span);
            _start += fromWindow;
            var filled = fromWindow;
            while (filled < length)
            {
                // Large bodies go straight from the socket into the part's buffer.
                var read = await _stream.ReadAsync(body.WritableFrom(filled), cancellationToken);
                if (read == 0)
                {
                    throw new ProtocolException($"the stream ended after {filled} of {length} bytes of a part (truncated)");
                }

                BytesRead += read;
                filled += read;
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private async ValueTask<PooledBuffer> ReadScannedBodyAsync(CancellationToken cancellationToken)
    {
        if (_core is null)
        {
            throw new ProtocolException("a part without Content-Length in a stream without a known boundary");
        }

        // A delimiter ("\r\n" + up to 4 dashes + boundary + one following byte) split across reads stays in this tail.
        var tail = _core.Length + MaxDashes + 3;
        var body = new PooledBuffer(64 * 1024);
        try
        {
            var atBodyStart = true;
            while (true)
            {
                var window = _window.AsSpan(_start, _end - _start);
                var end = FindBodyEnd(window, atBodyStart);
                if (end >= 0)
                {
                    Append(body, window[..end]);
                    _start += end;
                    return body;
                }

                var safe = window.Length - tail;
                if (safe > 0)
                {
                    Append(body, window[..safe]);
                    _start += safe;
                    atBodyStart = false;
                }

                if (!await FillAsync(cancellationToken))
                {
                    throw new ProtocolException($"the stream ended inside a part after {body.Length} bytes (no closing boundary; truncated)");
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private void Append(PooledBuffer body, ReadOnlySpan<byte> bytes)
    {
        if ((long)body.Length + bytes.Length > _limits.MaxPartBytes)
        {
            throw new ProtocolException(
                $"part without Content-Length grew past the limit of {_limits.MaxPartBytes} bytes (MaxPartBytes) without a boundary");
        }

        body.Append(bytes);
    }

    /// <summary>Where the body ends in <paramref name="window"/> (before the CRLF of the delimiter line), or -1.</summary>
    private int FindBodyEnd(ReadOnlySpan<byte> window, bool atBodyStart)
    {
        var core = _core!;
        var from = 0;
        while (from < window.Length)
        {
            var found = window[from..].IndexOf(core);
            if (found < 0)
            {
                return -1;
            }

            var p = from + found;
            from = p + 1;
            var q = p;
            while (q > 0 && p - q < MaxDashes && window[q - 1] == (byte)'-')
            {
                q--;
            }

            var lineStart = q == 0 && atBodyStart;
            if (!lineStart && (q == 0 || window[q - 1] != (byte)'\n'))
            {
                continue;
            }

            var after = p + core.Length;
            if (after >= window.Length)
            {
                return -1; // the byte that decides is not here yet; the tail keeps it for the next read
            }

            if (window[after] is not ((byte)'\r' or (byte)'\n' or (byte)'-' or (byte)' ' or (byte)'\t'))
            {
                continue;
            }

            if (lineStart)
            {
                return 0;
            }

            var end = q - 1;
            return end > 0 && window[end - 1] == (byte)'\r' ? end - 1 : end;
        }

        return -1;
    }

    private LineKind Classify(ReadOnlySpan<byte> line)
    {
        var trimmed = line.Trim(" \t"u8);
        if (trimmed.IsEmpty)
        {
            return LineKind.Blank;
        }

        if (_core is null)
        {
            // No boundary parameter: the first "--…" line names it.
            if (trimmed.Length > 2 && trimmed.Length <= MultipartBoundary.MaxLength && trimmed.StartsWith("--"u8))
            {
                _core = trimmed.TrimStart((byte)'-').ToArray();
                return _core.Length == 0 ? LineKind.Other : LineKind.Delimiter;
            }

            return LineKind.Other;
        }

        var dashes = 0;
        while (dashes < trimmed.Length && dashes < MaxDashes && trimmed[dashes] == (byte)'-')
        {
            dashes++;
        }

        var rest = trimmed[dashes..];
        if (!rest.StartsWith(_core))
        {
            return LineKind.Other;
        }

        var suffix = rest[_core.Length..];
        return suffix.IsEmpty ? LineKind.Delimiter
            : suffix.SequenceEqual("--"u8) ? LineKind.CloseDelimiter
            : LineKind.Other;
    }

    private static bool LooksLikeHeader(ReadOnlySpan<byte> line) =>
        line.Length > 13 && Ascii.EqualsIgnoreCase(line[..13], "Content-Type:"u8)
        || line.Length > 15 && Ascii.EqualsIgnoreCase(line[..15], "Content-Length:"u8);

    private bool TryTakeLine(out int offset, out int length)
    {
        var lf = _window.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (lf < 0)
        {
            offset = 0;
            length = 0;
            return false;
        }

        offset = _start;
        length = lf > 0 && _window[_start + lf - 1] == (byte)'\r' ? lf - 1 : lf;
        _start += lf + 1;
        return true;
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0 && (_end == _window.Length || _start > _window.Length / 2))
        {
            _window.AsSpan(_start, _end - _start).CopyTo(_window);
            _end -= _start;
            _start = 0;
        }

        if (_end == _window.Length)
        {
            // Callers cap lines and tails far below the window size; reaching here is a bug, not bad input.
            throw new InvalidOperationException("multipart reader window is full");
        }

        var read = await _stream.ReadAsync(_window.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            return false;
        }

        BytesRead += read;
        _end += read;
        return true;
    }

    private enum LineKind
    {
        Other,
        Blank,
        Delimiter,
        CloseDelimiter,
    }

    private sealed class PartHeaders
    {
        public long? ContentLength { get; set; }

        public string? ContentType { get; set; }

        public string? Sequence { get; set; }

        public string? Timestamp { get; set; }
    }
}
