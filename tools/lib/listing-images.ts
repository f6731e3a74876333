import sharp from 'sharp';

/**
 * Product photos made with sharp for the listing tests and the bench: a background of the given
 * colour with a dark "product" (a rectangle half the size) drawn in the middle.
 */
export async function productPhoto(
  width: number,
  height: number,
  background = '#ffffff',
  format: 'jpeg' | 'png' = 'jpeg',
): Promise<Buffer> {
  const product = await sharp({
    create: {
      width: Math.round(width / 2),
      height: Math.round(height / 2),
      channels: 3,
      background: '#2a4d8f',
    },
  })
    .png()
    .toBuffer();
  const img = sharp({ create: { width, height, channels: 3, background } }).composite([
    { input: product, gravity: 'centre' },
  ]);
  return format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}
