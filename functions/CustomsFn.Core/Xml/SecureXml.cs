using System.Xml;
using System.Xml.Linq;

namespace CustomsFn.Core.Xml;

/// <summary>
/// Loads untrusted XML: DTDs prohibited (no entity expansion, no external entities), no resolver, bounded depth,
/// node size and element count. Every failure becomes a <see cref="DocumentRejectedException"/> that says what and where.
/// </summary>
public static class SecureXml
{
    public static XmlReaderSettings ReaderSettings(XmlLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = limits.MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    /// <summary>Parses with line information (for <c>{path, line}</c> sources) after a bounded validation pass.</summary>
    public static XDocument Load(ReadOnlyMemory<byte> content, XmlLimits? limits = null)
    {
        limits ??= XmlLimits.Default;
        Validate(content, limits);
        return Run(() =>
        {
            using var stream = AsStream(content);
            using var reader = XmlReader.Create(stream, ReaderSettings(limits));
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        });
    }

    /// <summary>Reads only up to the root element: its local name and namespace.</summary>
    public static (string LocalName, string Namespace) ReadRoot(ReadOnlyMemory<byte> content, XmlLimits? limits = null)
    {
        limits ??= XmlLimits.Default;
        return Run(() =>
        {
            using var stream = AsStream(content);
            using var reader = XmlReader.Create(stream, ReaderSettings(limits));
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element) return (reader.LocalName, reader.NamespaceURI);
            }
            throw new DocumentRejectedException(InputCodes.MalformedXml, "The XML has no root element.");
        });
    }

    private static void Validate(ReadOnlyMemory<byte> content, XmlLimits limits)
    {
        Run(() =>
        {
            using var stream = AsStream(content);
            using var reader = XmlReader.Create(stream, ReaderSettings(limits));
            var info = (IXmlLineInfo)reader;
            var elements = 0;
            var goodsLines = 0;
            var chunk = new char[4096];
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (reader.Depth >= limits.MaxDepth)
                            throw Limit($"nesting deeper than {limits.MaxDepth} levels at line {info.LineNumber}");
                        if (++elements > limits.MaxElements)
                            throw Limit($"more than {limits.MaxElements:N0} elements");
                        if (XmlLimits.GoodsLineElements.Contains(reader.LocalName) && ++goodsLines > limits.MaxGoodsLines)
                            throw Limit($"more than {limits.MaxGoodsLines:N0} goods lines ({reader.LocalName} at line {info.LineNumber}); " +
                                "split the document, or raise Pipeline:Xml:MaxGoodsLines");
                        if (reader.HasAttributes)
                        {
                            while (reader.MoveToNextAttribute())
                            {
                                if (reader.Value.Length > limits.MaxAttributeCharacters)
                                    throw Limit($"attribute '{reader.Name}' at line {info.LineNumber} is longer than {limits.MaxAttributeCharacters:N0} characters");
                            }
                            reader.MoveToElement();
                        }
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        // Counted in chunks, so that a huge text node is refused without ever being held as one string.
                        var line = info.LineNumber;
                        long length = 0;
                        int n;
                        if (!reader.CanReadValueChunk)
                        {
                            if (reader.Value.Length > limits.MaxTextNodeCharacters)
                                throw Limit($"a text node at line {line} is longer than {limits.MaxTextNodeCharacters:N0} characters");
                            break;
                        }
                        while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                        {
                            length += n;
                            if (length > limits.MaxTextNodeCharacters)
                                throw Limit($"a text node at line {line} is longer than {limits.MaxTextNodeCharacters:N0} characters");
                        }
                        break;
                }
            }
            return 0;
        });
    }

    private static DocumentRejectedException Limit(string what) =>
        new(InputCodes.XmlLimits, $"The XML exceeds a parsing limit: {what}.");

    private static T Run<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new DocumentRejectedException(InputCodes.XmlDtd,
                $"The XML contains a document type declaration (DTD) at line {ex.LineNumber}; DTDs are refused because they allow entity expansion and external entities.", ex);
        }
        catch (XmlException ex) when (ex.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || ex.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase))
        {
            throw new DocumentRejectedException(InputCodes.XmlLimits, $"The XML exceeds a parsing limit: {ex.Message}", ex);
        }
        catch (XmlException ex)
        {
            throw new DocumentRejectedException(InputCodes.MalformedXml,
                $"The XML is not well-formed at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}", ex);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new DocumentRejectedException(InputCodes.MalformedXml, $"The XML is not valid in its declared encoding: {ex.Message}", ex);
        }
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content, out var seg)
            ? new MemoryStream(seg.Array!, seg.Offset, seg.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
