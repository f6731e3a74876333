import { describe, expect, it } from '@jest/globals';
import { checkImage, DEFAULT_LISTING_RULES } from '@temu-odoo/core';
import sharp from 'sharp';
import { measureImage } from '../../src/listing/measure-image.js';
import { productPhoto } from '../../../../tools/lib/listing-images.js';

const rules = DEFAULT_LISTING_RULES.image;

const codes = async (bytes: Buffer) =>
  checkImage(await measureImage(bytes, 'main', 'image_1920'), rules).map((i) => i.code);

describe('measureImage + checkImage on images made by sharp', () => {
  it('passes a white 1000×1000 jpeg with a product drawn on it', async () => {
    const m = await measureImage(await productPhoto(1000, 1000, '#ffffff'), 'main', 'image_1920');
    expect(m).toMatchObject({ ok: true, format: 'jpeg', width: 1000, height: 1000 });
    // band = max(2, 1% of 1000) = 10 px: 1000² − 980² = 39,600 border pixels
    expect(m.ok && m.border.pixels).toBe(39_600);
    expect(checkImage(m, rules)).toEqual([]);
  });

  it('refuses 700×700 as too small', async () => {
    expect(await codes(await productPhoto(700, 700, '#ffffff'))).toEqual(['IMAGE_TOO_SMALL']);
  });

  it('refuses a grey background (#c8c8c8 = 200 < 240 on every border pixel)', async () => {
    const found = checkImage(
      await measureImage(await productPhoto(1000, 1000, '#c8c8c8'), 'main', 'image_1920'),
      rules,
    );
    expect(found.map((i) => i.reason)).toEqual([
      'main image background is not white: 0% of its border pixels are white (every channel ≥ 240), at least 95% needed',
    ]);
  });

  it('refuses 1000×600 as too small and not square', async () => {
    expect(await codes(await productPhoto(1000, 600, '#ffffff', 'png'))).toEqual([
      'IMAGE_TOO_SMALL',
      'IMAGE_NOT_SQUARE',
    ]);
  });

  it('counts a transparent background as not white', async () => {
    const transparent = await sharp({
      create: { width: 900, height: 900, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } },
    })
      .png()
      .toBuffer();
    expect(await codes(transparent)).toEqual(['IMAGE_BACKGROUND_NOT_WHITE']);
  });

  it('turns a corrupt image into a check failure with a reason, not a throw', async () => {
    const good = await productPhoto(1000, 1000, '#ffffff');
    const truncated = good.subarray(0, 300);
    const m = await measureImage(truncated, 'main', 'image_1920');
    expect(m.ok).toBe(false);
    const [issue] = checkImage(m, rules);
    expect(issue?.code).toBe('IMAGE_UNREADABLE');
    expect(issue?.reason).toMatch(/^main image cannot be read: not a decodable image \(.+\)$/);
    expect((await measureImage(Buffer.from('not an image at all'), 'gallery', 'gallery 1')).ok).toBe(false);
  });
});
