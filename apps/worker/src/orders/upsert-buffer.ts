// Moved to @temu-odoo/coordination (#18); this path stays only so that branches importing it still merge.
export { UpsertBuffer, type BufferClaim } from '@temu-odoo/coordination';
