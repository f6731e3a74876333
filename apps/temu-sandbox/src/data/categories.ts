/**
 * A realistic subset of the local category tree and its v1 templates (docs/temu-api.md, "Listing
 * (issue 15)"): four levels at most, `catType` 0 apparel / 1 other, some leaves closed to the shop.
 * Ids are sandbox choices; names follow Temu's US tree.
 */
export interface SandboxCategory {
  catId: number;
  catName: string;
  parentId: number;
  level: number;
  leaf: boolean;
  catType: 0 | 1;
  /** 0 available, 1 not available to this shop. */
  availableStatus: 0 | 1;
}

export interface SandboxTemplateProperty {
  pid: number;
  refPid: number;
  templatePid: number;
  name: string;
  required: boolean;
  /** true: a variant (sales) attribute, its values carry `specId`s. */
  isSale: boolean;
  /** 0 free input, 1 select. */
  controlType: 0 | 1;
  parentSpecId?: number;
  values: Array<{ vid: number; value: string; specId?: number }>;
}

const c = (
  catId: number,
  catName: string,
  parentId: number,
  level: number,
  leaf: boolean,
  catType: 0 | 1 = 1,
  availableStatus: 0 | 1 = 0,
): SandboxCategory => ({ catId, catName, parentId, level, leaf, catType, availableStatus });

export const CATEGORIES: SandboxCategory[] = [
  c(100, 'Home & Kitchen', 0, 1, false),
  c(110, 'Lighting', 100, 2, false),
  c(111, 'Desk Lamps', 110, 3, true),
  c(112, 'Night Lights', 110, 3, true),
  c(120, 'Kitchen & Dining', 100, 2, false),
  c(121, 'Drinkware', 120, 3, false),
  c(1211, 'Mugs', 121, 4, true),
  c(1212, 'Water Bottles', 121, 4, true),
  c(200, 'Electronics', 0, 1, false),
  c(210, 'Cell Phone Accessories', 200, 2, false),
  c(211, 'Phone Cases', 210, 3, true),
  c(212, 'Charging Cables', 210, 3, true),
  c(220, 'Vapes & Accessories', 200, 2, true, 1, 1),
  c(300, "Women's Clothing", 0, 1, false, 0),
  c(310, 'Tops', 300, 2, false, 0),
  c(311, 'T-Shirts', 310, 3, true, 0),
  c(400, 'Sports & Outdoors', 0, 1, false),
  c(410, 'Yoga Mats', 400, 2, true),
  c(500, 'Bags & Luggage', 0, 1, false),
  c(510, 'Tote Bags', 500, 2, true),
];

let nextVid = 9000;
const values = (names: string[], specBase?: number) =>
  names.map((value, i) => ({ vid: nextVid++, value, ...(specBase ? { specId: specBase + i } : {}) }));

const material = (pid: number, names: string[]): SandboxTemplateProperty => ({
  pid,
  refPid: pid,
  templatePid: pid + 50_000,
  name: 'Material',
  required: true,
  isSale: false,
  controlType: 1,
  values: values(names),
});
const colour = (specBase: number, names: string[]): SandboxTemplateProperty => ({
  pid: 1001,
  refPid: 1001,
  templatePid: 51_001,
  name: 'Color',
  required: true,
  isSale: true,
  controlType: 1,
  parentSpecId: 1001,
  values: values(names, specBase),
});
const free = (pid: number, name: string, required = false): SandboxTemplateProperty => ({
  pid,
  refPid: pid,
  templatePid: pid + 50_000,
  name,
  required,
  isSale: false,
  controlType: 0,
  values: [],
});

const COLOURS = ['Black', 'White', 'Red', 'Blue', 'Green', 'Navy', 'Grey', 'Pink'];

/** Leaf templates; a leaf without one gets `DEFAULT_TEMPLATE` (colour only). */
export const TEMPLATES: Record<number, SandboxTemplateProperty[]> = {
  111: [
    material(12, ['Metal', 'Plastic', 'Wood', 'Glass']),
    free(13, 'Power Source', true),
    colour(1_100_000, COLOURS),
  ],
  112: [free(13, 'Power Source', true), colour(1_100_000, COLOURS)],
  1211: [material(12, ['Ceramic', 'Glass', 'Stainless Steel']), colour(1_100_000, COLOURS)],
  1212: [material(12, ['Plastic', 'Stainless Steel', 'Glass']), colour(1_100_000, COLOURS)],
  211: [free(14, 'Compatible Phone Model', true), colour(1_100_000, COLOURS)],
  212: [free(15, 'Connector Type', true), colour(1_100_000, COLOURS)],
  311: [
    material(12, ['Cotton', 'Polyester', 'Linen']),
    colour(1_100_000, COLOURS),
    {
      pid: 1002,
      refPid: 1002,
      templatePid: 51_002,
      name: 'Size',
      required: true,
      isSale: true,
      controlType: 1,
      parentSpecId: 1002,
      values: values(['XS', 'S', 'M', 'L', 'XL'], 1_200_000),
    },
  ],
  410: [material(12, ['TPE', 'PVC', 'Rubber', 'Cork']), colour(1_100_000, COLOURS)],
  510: [material(12, ['Cotton', 'Canvas', 'Polyester', 'Leather']), colour(1_100_000, COLOURS)],
};

export const DEFAULT_TEMPLATE: SandboxTemplateProperty[] = [colour(1_100_000, COLOURS)];

export function templateOf(catId: number): SandboxTemplateProperty[] {
  return TEMPLATES[catId] ?? DEFAULT_TEMPLATE;
}

export function categoryById(catId: number): SandboxCategory | undefined {
  return CATEGORIES.find((cat) => cat.catId === catId);
}

/**
 * Leaf categories open to the shop, in tree order: seeded goods without a `catId` take the one at
 * their position (cycling).
 */
export const OPEN_LEAF_IDS: readonly number[] = CATEGORIES.filter(
  (cat) => cat.leaf && cat.availableStatus === 0,
).map((cat) => cat.catId);
