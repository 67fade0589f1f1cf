using System.Runtime.InteropServices;
using System.Text;
using CsCheck;
using Reports.Site.Rendering;
using SkiaSharp;

namespace Reports.Site.Tests;

/// <summary>The social cards' PNG writer: any RGBA image it writes decodes, in an independent decoder, to the same pixels.</summary>
public sealed class PngFileTests
{
    [Fact]
    public void Any_image_decodes_to_the_pixels_it_was_written_from_including_padded_rows()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[1, 30], Gen.Int[0, 3]).SelectMany(size =>
                Gen.Byte.Array[(((size.Item2 - 1) * ((size.Item1 * 4) + size.Item3)) + (size.Item1 * 4))].Select(pixels => (size, pixels)))
            .Sample(sample =>
            {
                var ((width, height, padding), pixels) = sample;
                var rowBytes = (width * 4) + padding;
                var decoded = Decode(PngFile.Encode(pixels, width, height, rowBytes), width, height);
                for (var y = 0; y < height; y++)
                {
                    decoded.AsSpan(y * width * 4, width * 4).SequenceEqual(pixels.AsSpan(y * rowBytes, width * 4)).ShouldBeTrue("row " + y);
                }
            }, iter: 200);
    }

    [Fact]
    public void Chunks_carry_the_crc_png_readers_check()
    {
        var png = PngFile.Encode(new byte[4 * 3 * 2], 3, 2, 12);

        // IEND has no data: its CRC is the CRC-32 of "IEND" alone, AE 42 60 82 in every PNG.
        png.AsSpan(png.Length - 12).ToArray().ShouldBe(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 });
        PngFile.Crc32.Append(0, "123456789"u8).ShouldBe(0xCBF43926u); // the check value of CRC-32/ISO-HDLC
        PngFile.Crc32.Append(PngFile.Crc32.Append(0, "1234"u8), "56789"u8).ShouldBe(0xCBF43926u);
        Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        png[24..29].ShouldBe(new byte[] { 8, 6, 0, 0, 0 }); // 8 bits, RGBA, deflate, adaptive filters, no interlace
    }

    [Fact]
    public void Too_few_pixels_for_the_size_is_refused()
    {
        Should.Throw<ArgumentException>(() => PngFile.Encode(new byte[(4 * 3 * 2) - 1], 3, 2, 12)).Message.ShouldContain("3 x 2");
        Should.Throw<ArgumentOutOfRangeException>(() => PngFile.Encode(new byte[24], 3, 2, 11));
    }

    /// <summary>The image's pixels as unpremultiplied RGBA rows, read by Skia's decoder (libpng), which checks every CRC.</summary>
    private static byte[] Decode(byte[] png, int width, int height)
    {
        using var codec = SKCodec.Create(new MemoryStream(png)) ?? throw new ShouldAssertException("Skia does not read the PNG.");
        codec.Info.Width.ShouldBe(width);
        codec.Info.Height.ShouldBe(height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[width * height * 4];
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            codec.GetPixels(info, handle.AddrOfPinnedObject()).ShouldBe(SKCodecResult.Success);
        }
        finally
        {
            handle.Free();
        }

        return pixels;
    }
}
