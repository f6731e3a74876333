/**
 * The label file the sandbox serves: a valid 1×1 PNG (EasyPost's default label format is PNG,
 * docs/labels.md), enough for the worker to download it and Odoo to store it.
 */
export const LABEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
