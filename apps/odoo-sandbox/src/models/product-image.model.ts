import type { ModelDef } from '../model-types.js';
import { char, int, m2o } from './fields.js';

/**
 * `product.image`, the extra media of a product (eCommerce, `website_sale`): the gallery images
 * after the template's own `image_1920`. Without the module the model does not exist ("Object
 * product.image doesn't exist") and `product.template.product_template_image_ids` is an invalid field;
 * docs/odoo-api.md, "Gallery images".
 */
export const productImage: ModelDef = {
  name: 'product.image',
  description: 'Product Image',
  order: 'sequence, id',
  module: 'website_sale',
  fields: {
    name: char('Name', { required: true }),
    sequence: int('Sequence', { default: () => 10 }),
    image_1920: { type: 'binary', string: 'Image' },
    product_tmpl_id: m2o('Product Template', 'product.template'),
    product_variant_id: m2o('Product Variant', 'product.product'),
  },
};
