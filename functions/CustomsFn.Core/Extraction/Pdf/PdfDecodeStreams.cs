namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// A PDF filter's decoder as a read-only stream pulling from the stream below it, so a filter chain decodes into a
/// counting sink in small steps and never holds its output whole. Invalid data throws <see cref="InvalidDataException"/>
/// (as <see cref="System.IO.Compression.ZLibStream"/> does), after the bytes decoded before it have been read.
/// </summary>
internal abstract class PdfDecodeStream(Stream inner) : Stream
{
    private readonly byte[] _input = new byte[4096];
    private int _inputAt;
    private int _inputEnd;
    private readonly byte[] _pending = new byte[8192];
    private int _start;
    private int _end;
    private bool _done;

    /// <summary>Decodes one unit (a code, a run, a group) into <see cref="Emit(byte)"/>; false at the end of the data. Emits at most 4,096 bytes.</summary>
    protected abstract bool Step();

    protected void Emit(byte b) => _pending[_end++] = b;

    protected void Emit(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_pending.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>The next input byte, or -1 at the end.</summary>
    protected int NextByte()
    {
        if (_inputAt == _inputEnd)
        {
            _inputEnd = inner.Read(_input, 0, _input.Length);
            _inputAt = 0;
            if (_inputEnd == 0) return -1;
        }
        return _input[_inputAt++];
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_start == _end)
        {
            _start = _end = 0;
            while (!_done && _end < 4096) _done = !Step();
        }
        var n = Math.Min(count, _end - _start);
        _pending.AsSpan(_start, n).CopyTo(buffer.AsSpan(offset, n));
        _start += n;
        return n;
    }

    protected static bool IsWhite(int b) => b is ' ' or '\t' or '\r' or '\n' or '\f' or 0;

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>RunLengthDecode: a length byte 0-127 copies that many bytes plus one, 129-255 repeats the next byte 257 minus it times, 128 ends.</summary>
internal sealed class RunLengthDecodeStream(Stream inner) : PdfDecodeStream(inner)
{
    protected override bool Step()
    {
        var length = NextByte();
        if (length is < 0 or 128) return false;
        if (length < 128)
        {
            for (var i = 0; i <= length; i++)
            {
                var b = NextByte();
                if (b < 0) return false;
                Emit((byte)b);
            }
            return true;
        }
        var repeated = NextByte();
        if (repeated < 0) return false;
        for (var i = 0; i < 257 - length; i++) Emit((byte)repeated);
        return true;
    }
}

/// <summary>ASCIIHexDecode: pairs of hex digits, white space ignored, <c>&gt;</c> ends (an odd last digit is read with a trailing 0).</summary>
internal sealed class AsciiHexDecodeStream(Stream inner) : PdfDecodeStream(inner)
{
    protected override bool Step()
    {
        var high = -1;
        for (var produced = 0; produced < 1024;)
        {
            var c = NextByte();
            if (c < 0 || c == '>')
            {
                if (high >= 0) Emit((byte)(high << 4));
                return false;
            }
            if (IsWhite(c)) continue;
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => throw new InvalidDataException("Not a hex digit in ASCIIHexDecode data."),
            };
            if (high < 0)
            {
                high = d;
            }
            else
            {
                Emit((byte)((high << 4) | d));
                high = -1;
                produced++;
            }
        }
        // A unit ends on a whole byte: an odd digit left over is not possible here (produced counts whole bytes).
        return true;
    }
}

/// <summary>ASCII85Decode: groups of five characters <c>!</c>..<c>u</c> to four bytes, <c>z</c> for four zeros, <c>~&gt;</c> ends.</summary>
internal sealed class Ascii85DecodeStream(Stream inner) : PdfDecodeStream(inner)
{
    private bool _started;

    protected override bool Step()
    {
        Span<int> group = stackalloc int[5];
        var n = 0;
        while (n < 5)
        {
            var c = NextByte();
            if (!_started && c == '<')
            {
                // An optional "<~" prefix.
                _started = true;
                if (NextByte() != '~') throw new InvalidDataException("'<' without '~' in ASCII85Decode data.");
                continue;
            }
            _started = true;
            if (c < 0 || c == '~') return Flush(group, n);
            if (IsWhite(c)) continue;
            if (c == 'z' && n == 0)
            {
                Emit([0, 0, 0, 0]);
                return true;
            }
            if (c is < '!' or > 'u') throw new InvalidDataException("A character outside ASCII85Decode's alphabet.");
            group[n++] = c - '!';
        }
        Word(group, 4);
        return true;
    }

    private bool Flush(Span<int> group, int n)
    {
        if (n == 1) throw new InvalidDataException("A final ASCII85Decode group of one character.");
        if (n > 1)
        {
            for (var i = n; i < 5; i++) group[i] = 84;
            Word(group, n - 1);
        }
        return false;
    }

    private void Word(Span<int> group, int bytes)
    {
        long word = 0;
        foreach (var d in group) word = word * 85 + d;
        if (word > uint.MaxValue) throw new InvalidDataException("An ASCII85Decode group over 2^32.");
        for (var i = 0; i < bytes; i++) Emit((byte)(word >> (24 - 8 * i)));
    }
}

/// <summary>
/// LZWDecode: codes of 9 to 12 bits (256 clears the table, 257 ends, 258 is the first entry), widened one code early when
/// EarlyChange is 1 (the default). A table that fills is kept as it is until the next clear code.
/// </summary>
internal sealed class LzwDecodeStream(Stream inner, int earlyChange) : PdfDecodeStream(inner)
{
    private const int TableSize = 4096;
    private readonly int[] _prefix = new int[TableSize];
    private readonly byte[] _suffix = new byte[TableSize];
    private readonly int[] _length = new int[TableSize];
    private readonly byte[] _entry = new byte[TableSize];
    private int _next = 258;
    private int _width = 9;
    private int _previous = -1;
    private int _bits;
    private int _bitCount;

    protected override bool Step()
    {
        var code = ReadCode();
        if (code is < 0 or 257) return false;
        if (code == 256)
        {
            _next = 258;
            _width = 9;
            _previous = -1;
            return true;
        }
        int length;
        if (code < 256)
        {
            _entry[0] = (byte)code;
            length = 1;
        }
        else if (code < _next && _previous >= 0)
        {
            length = Write(code);
        }
        else if (code == _next && _previous >= 0)
        {
            // KwKwK: the previous entry followed by its own first byte.
            length = Write(_previous);
            _entry[length] = _entry[0];
            length++;
        }
        else
        {
            throw new InvalidDataException("An LZWDecode code beyond the table.");
        }
        if (_previous >= 0 && _next < TableSize)
        {
            _prefix[_next] = _previous;
            _suffix[_next] = _entry[0];
            _length[_next] = LengthOf(_previous) + 1;
            _next++;
            _width = Math.Min(12, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(_next + earlyChange)));
        }
        _previous = code;
        Emit(_entry.AsSpan(0, length));
        return true;
    }

    private int LengthOf(int code) => code < 256 ? 1 : _length[code];

    /// <summary>Writes the bytes of <paramref name="code"/> to the start of the scratch entry; returns their count.</summary>
    private int Write(int code)
    {
        var length = LengthOf(code);
        if (length >= TableSize) throw new InvalidDataException("An LZWDecode entry longer than the table.");
        for (var i = length - 1; i > 0; i--)
        {
            _entry[i] = _suffix[code];
            code = _prefix[code];
        }
        _entry[0] = (byte)code;
        return length;
    }

    private int ReadCode()
    {
        while (_bitCount < _width)
        {
            var b = NextByte();
            if (b < 0) return -1;
            _bits = (_bits << 8) | b;
            _bitCount += 8;
        }
        var code = (_bits >> (_bitCount - _width)) & ((1 << _width) - 1);
        _bitCount -= _width;
        _bits &= (1 << _bitCount) - 1;
        return code;
    }
}
