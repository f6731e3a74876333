// Moved to @temu-odoo/coordination (#18); this path stays only so that branches importing it still merge.
export { DEFAULT_RETENTION, scaledRetention, type StateRetention } from '@temu-odoo/coordination';
