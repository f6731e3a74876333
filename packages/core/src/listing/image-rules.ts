import type { ImageMeasurement, ListingIssue } from './listing-types.js';
import type { ListingRules } from './listing-rules.js';

/** Share of border pixels whose darkest channel is at least `channelMin` (white or near white). */
export function whiteBorderShare(
  border: { histogram: number[]; pixels: number },
  channelMin: number,
): number {
  if (border.pixels === 0) return 0;
  let white = 0;
  for (let v = channelMin; v < border.histogram.length; v++) white += border.histogram[v] ?? 0;
  return white / border.pixels;
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** One image: decodable, accepted format and size, large enough, square, main image on white. */
export function checkImage(m: ImageMeasurement, rules: ListingRules['image']): ListingIssue[] {
  const field = m.source;
  const mk = (code: string, reason: string): ListingIssue => ({ check: 'image', code, field, reason });
  if (!m.ok) return [mk('IMAGE_UNREADABLE', `${m.role} image cannot be read: ${m.error}`)];
  const issues: ListingIssue[] = [];
  if (!rules.formats.includes(m.format))
    issues.push(mk('IMAGE_FORMAT', `${m.role} image is ${m.format}, accepted: ${rules.formats.join(', ')}`));
  if (m.bytes > rules.maxBytes)
    issues.push(
      mk('IMAGE_TOO_HEAVY', `${m.role} image is ${m.bytes} bytes, at most ${rules.maxBytes} allowed`),
    );
  if (m.width < rules.minWidthPx || m.height < rules.minHeightPx)
    issues.push(
      mk(
        'IMAGE_TOO_SMALL',
        `${m.role} image is ${m.width}×${m.height} px, at least ${rules.minWidthPx}×${rules.minHeightPx} needed`,
      ),
    );
  const skew = Math.abs(m.width - m.height) / Math.max(m.width, m.height);
  if (skew > rules.squareTolerance)
    issues.push(
      mk(
        'IMAGE_NOT_SQUARE',
        `${m.role} image is ${m.width}×${m.height} px, not square (sides differ by ${percent(skew)}, at most ${percent(rules.squareTolerance)})`,
      ),
    );
  if (m.role === 'main') {
    const share = whiteBorderShare(m.border, rules.whiteChannelMin);
    if (share < rules.minWhiteBorderShare)
      issues.push(
        mk(
          'IMAGE_BACKGROUND_NOT_WHITE',
          `main image background is not white: ${percent(share)} of its border pixels are white (every channel ≥ ${rules.whiteChannelMin}), at least ${percent(rules.minWhiteBorderShare)} needed`,
        ),
      );
  }
  return issues;
}

/** All images of a product: how many, then each one. */
export function checkImages(measurements: ImageMeasurement[], rules: ListingRules['image']): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (!measurements.some((m) => m.role === 'main'))
    issues.push({
      check: 'image',
      code: 'IMAGE_MISSING',
      field: 'image_1920',
      reason: 'product has no main image',
    });
  if (measurements.length < rules.minImages && measurements.some((m) => m.role === 'main'))
    issues.push({
      check: 'image',
      code: 'IMAGE_TOO_FEW',
      field: 'product_template_image_ids',
      reason: `product has ${measurements.length} images, at least ${rules.minImages} needed`,
    });
  if (measurements.length > rules.maxImages)
    issues.push({
      check: 'image',
      code: 'IMAGE_TOO_MANY',
      field: 'product_template_image_ids',
      reason: `product has ${measurements.length} images, at most ${rules.maxImages} allowed`,
    });
  for (const m of measurements) issues.push(...checkImage(m, rules));
  return issues;
}
