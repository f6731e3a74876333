import type { ImageMeasurement } from '@temu-odoo/core';

/**
 * Decodes an image with sharp (libvips) and measures what the listing rules judge: format, size in
 * bytes and pixels, and the darkness of the border band. The rules themselves live in core
 * (`checkImage`); nothing here decides pass or fail.
 *
 * White background: the band is the outer `max(2, 1% of the shorter side)` pixels on all four
 * sides; for each pixel we record min(R, G, B), so "white" can be judged with any tolerance (the
 * default: every channel ≥ 240 on ≥ 95% of the band, README "Listing checks"). Transparent pixels
 * are laid on black first: a transparent background is not a white one, and the marketplace does not
 * promise to show it on white.
 */
export async function measureImage(
  bytes: Buffer,
  role: 'main' | 'gallery',
  source: string,
): Promise<ImageMeasurement> {
  // Loaded on first use: sharp (libvips) costs ~28 MiB of RSS, which a worker that never checks a
  // listing should not carry (bench: worker peak RSS ≤ 200 MB). Outside the try: a missing native
  // module is a broken install, not a bad image.
  const { default: sharp } = await import('sharp');
  try {
    const meta = await sharp(bytes, { failOn: 'error' }).metadata();
    const { data, info } = await sharp(bytes, { failOn: 'error' })
      .flatten({ background: '#000000' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      role,
      source,
      format: meta.format ?? 'unknown',
      width: info.width,
      height: info.height,
      bytes: bytes.length,
      border: borderHistogram(data, info.width, info.height, info.channels),
    };
  } catch (err) {
    // libvips says why (truncated, unsupported format): the seller's reason, never a crashed job.
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { ok: false, role, source, error: `not a decodable image (${message})` };
  }
}

function borderHistogram(
  data: Buffer,
  width: number,
  height: number,
  channels: number,
): { histogram: number[]; pixels: number } {
  const band = Math.max(2, Math.round(Math.min(width, height) * 0.01));
  const histogram = new Array<number>(256).fill(0);
  let pixels = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y < band || y >= height - band;
    for (let x = 0; x < width; x++) {
      if (!edgeRow && x >= band && x < width - band) {
        x = width - band - 1; // jump over the interior of the row
        continue;
      }
      const i = (y * width + x) * channels;
      const darkest = Math.min(data[i]!, data[i + 1]!, data[i + 2]!);
      histogram[darkest]!++;
      pixels++;
    }
  }
  return { histogram, pixels };
}
