import type { ReplenishmentPlanTable } from '@temu-odoo/queues';

/** The plan as plain text: per Temu warehouse the SKU lines, then the shipments (`pnpm ops replenishment`). */
export function formatReplenishmentTable(plan: ReplenishmentPlanTable): string {
  const head = [
    'SKU',
    'fc/day',
    'on hand',
    'transit',
    'target',
    'cover d',
    'cartons',
    'units',
    'ship by',
    'late',
  ];
  const out: string[] = [
    `Plan ${plan.planId} (${new Date(plan.plannedAtMs).toISOString()}): ${plan.shipments.length} shipment(s), ${plan.shipments.reduce((a, s) => a + s.cartons, 0)} carton(s); lead ${plan.rules.leadTimeDays} d, safety ${plan.rules.safetyDays} d, review ${plan.rules.reviewDays} d`,
  ];
  for (const wid of [...new Set(plan.rows.map((r) => r.warehouseId))]) {
    const rows = plan.rows
      .filter((r) => r.warehouseId === wid)
      .map((r) => [
        r.sku,
        r.forecastPerDay.toFixed(2),
        String(r.onHand),
        String(r.inTransit),
        String(r.target),
        String(r.daysOfCover),
        String(r.cartons),
        String(r.units),
        r.cartons > 0 ? r.shipBy : '',
        r.late ? 'LATE' : '',
      ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i >= 1 && i <= 7 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd();
    out.push(
      '',
      `Warehouse ${plan.rows.find((r) => r.warehouseId === wid)!.warehouseName} (${wid})`,
      line(head),
    );
    out.push(...rows.map(line));
  }
  out.push('', 'Shipments');
  for (const s of plan.shipments)
    out.push(
      `${s.shipmentId}  ship by ${s.shipBy}  ${s.cartons} ctn  ${s.units} units  ${s.lines.map((l) => `${l.sku}×${l.units}`).join(', ')}${s.transferId ? `  Odoo transfer ${s.transferId}` : ''}`,
    );
  if (plan.skipped.length > 0)
    out.push('', ...plan.skipped.map((s) => `left out: ${s.warehouseId} ${s.sku}: ${s.reason}`));
  return out.join('\n');
}
