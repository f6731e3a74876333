// Moved to @temu-odoo/coordination (#18); this path stays only so that branches importing it still merge.
export { ShopState, setGauge, pruneGauges } from '@temu-odoo/coordination';
