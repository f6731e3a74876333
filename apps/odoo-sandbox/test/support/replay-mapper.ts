/**
 * Replays recorded Odoo exchanges against the sandbox: maps record ids and timestamps from the
 * recording to the sandbox's (learned from aligned responses) and compares answers ignoring ids,
 * timestamps and traceback text.
 */
type Json = unknown;
type FieldInfo = { type: string; relation?: string };

/** Fields whose values are timestamps/dates: compared by kind only (string vs false). */
export const VOLATILE_KEYS = new Set([
  'write_date',
  'create_date',
  'date',
  'date_order',
  'date_done',
  'scheduled_date',
  'effective_date',
  'invoice_date',
  'invoice_date_due',
  'payment_date',
  'date_deadline',
  'in_date',
]);
/** Action-context keys that hold record ids. */
const CONTEXT_IDS: Record<string, string> = {
  default_order_id: 'sale.order',
  default_partner_id: 'res.partner',
  default_partner_shipping_id: 'res.partner',
  button_validate_picking_ids: 'stock.picking',
  picking_ids_not_to_backorder: 'stock.picking',
  search_default_picking_type_id: 'stock.picking.type',
  default_product_id: 'product.product',
  default_location_id: 'stock.location',
  default_scrap_id: 'stock.scrap',
};
const MODEL_METHODS = new Set([
  'search',
  'search_read',
  'search_count',
  'create',
  'fields_get',
  'name_search',
  'default_get',
  'context_get',
]);
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/;

export class ReplayMapper {
  private readonly ids = new Map<string, Map<number, number>>();
  private readonly times = new Map<string, string>();
  readonly mismatches: string[] = [];

  constructor(private readonly fieldsOf: (model: string) => Promise<Record<string, FieldInfo>>) {}

  private learn(model: string | undefined, recorded: unknown, mine: unknown): void {
    if (!model || typeof recorded !== 'number' || typeof mine !== 'number') return;
    let m = this.ids.get(model);
    if (!m) this.ids.set(model, (m = new Map()));
    if (!m.has(recorded)) m.set(recorded, mine);
  }

  mapId(model: string | undefined, id: unknown): unknown {
    if (!model || typeof id !== 'number') return id;
    return this.ids.get(model)?.get(id) ?? id;
  }

  private mapIds(model: string | undefined, v: unknown): unknown {
    return Array.isArray(v) ? v.map((x) => this.mapId(model, x)) : this.mapId(model, v);
  }

  private mapString(s: string): string {
    const plain = this.times.get(s.replace('T', ' '));
    if (!plain) return s;
    return s.includes('T') ? plain.replace(' ', 'T') : plain;
  }

  // ---- requests -------------------------------------------------------------------------------

  async mapRequest(params: { service: string; method: string; args: unknown[] }): Promise<typeof params> {
    if (params.service !== 'object') return params;
    const args = [...params.args];
    const model = String(args[3]);
    const method = String(args[4]);
    const positional = [...((args[5] as unknown[]) ?? [])];
    const kwargs = { ...((args[6] as Record<string, unknown>) ?? {}) };
    if (!MODEL_METHODS.has(method) && positional.length > 0)
      positional[0] = this.mapIds(model, positional[0]);
    if (['search', 'search_read', 'search_count'].includes(method) && Array.isArray(positional[0])) {
      positional[0] = await this.mapDomain(model, positional[0]);
    }
    if (method === 'create') {
      const v = positional[0];
      positional[0] = Array.isArray(v)
        ? await Promise.all(v.map((x) => this.mapVals(model, x)))
        : await this.mapVals(model, v);
    }
    if (method === 'write') positional[1] = await this.mapVals(model, positional[1]);
    if (kwargs.context && typeof kwargs.context === 'object')
      kwargs.context = this.mapContext(kwargs.context as Record<string, unknown>);
    args[5] = positional;
    if (args.length > 6) args[6] = kwargs;
    return { ...params, args };
  }

  private mapContext(ctx: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ctx)) {
      if (k === 'active_id' || k === 'active_ids') out[k] = this.mapIds(String(ctx.active_model), v);
      else if (CONTEXT_IDS[k]) out[k] = this.mapIds(CONTEXT_IDS[k], v);
      else out[k] = v;
    }
    return out;
  }

  private async resolvePath(model: string, path: string): Promise<{ model: string; field?: FieldInfo }> {
    let current = model;
    let field: FieldInfo | undefined;
    for (const part of path.split('.')) {
      if (part === 'id') return { model: current, field: { type: 'many2one', relation: current } };
      field = (await this.fieldsOf(current))[part];
      if (!field) return { model: current };
      if (field.relation) current = field.relation;
    }
    return { model: current, ...(field ? { field } : {}) };
  }

  private async mapDomain(model: string, domain: unknown[]): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const leaf of domain) {
      if (!Array.isArray(leaf) || leaf.length !== 3 || typeof leaf[0] !== 'string') {
        out.push(leaf);
        continue;
      }
      const [path, op, value] = leaf as [string, string, unknown];
      const { field } = await this.resolvePath(model, path);
      let v = value;
      if (field?.relation) v = this.mapIds(field.relation, value);
      else if (typeof value === 'string') v = this.mapString(value);
      out.push([path, op, v]);
    }
    return out;
  }

  private async mapVals(model: string, vals: unknown): Promise<unknown> {
    if (!vals || typeof vals !== 'object' || Array.isArray(vals)) return vals;
    const fields = await this.fieldsOf(model);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(vals as Record<string, unknown>)) {
      const f = fields[k];
      if (!f?.relation) {
        out[k] = v;
        continue;
      }
      if (f.type === 'many2one') out[k] = this.mapId(f.relation, v);
      else if (Array.isArray(v))
        out[k] = await Promise.all(v.map((cmd) => this.mapCommand(f.relation!, cmd)));
      else out[k] = v;
    }
    return out;
  }

  private async mapCommand(relation: string, cmd: unknown): Promise<unknown> {
    if (typeof cmd === 'number') return this.mapId(relation, cmd);
    if (!Array.isArray(cmd)) return cmd;
    const [code, id, arg] = cmd as [number, unknown, unknown];
    if (code === 0) return [0, 0, await this.mapVals(relation, arg)];
    if (code === 1) return [1, this.mapId(relation, id), await this.mapVals(relation, arg)];
    if (code === 6) return [6, 0, this.mapIds(relation, arg)];
    return [code, this.mapId(relation, id), ...(cmd.length > 2 ? [arg] : [])];
  }

  // ---- responses ------------------------------------------------------------------------------

  /** Compares recorded vs sandbox result for `model.method`; records mismatches with a path. */
  async compareResult(
    model: string | undefined,
    method: string,
    recorded: Json,
    mine: Json,
    where: string,
  ): Promise<void> {
    if ((method === 'create' || method === 'search') && model) {
      const r = Array.isArray(recorded) ? recorded : [recorded];
      const m = Array.isArray(mine) ? mine : [mine];
      if (
        r.length !== m.length ||
        typeof recorded !== typeof mine ||
        Array.isArray(recorded) !== Array.isArray(mine)
      ) {
        this.mismatches.push(`${where}: ids ${JSON.stringify(recorded)} vs ${JSON.stringify(mine)}`);
        return;
      }
      r.forEach((x, i) => this.learn(model, x, m[i]));
      r.forEach((x, i) => {
        if (this.mapId(model, x) !== m[i])
          this.mismatches.push(
            `${where}[${i}]: ${model} id ${String(x)} is mapped to ${String(this.mapId(model, x))}, sandbox ${String(m[i])}`,
          );
      });
      return;
    }
    if (method === 'name_get' && Array.isArray(recorded) && Array.isArray(mine)) {
      recorded.forEach((p, i) => this.learn(model, (p as unknown[])[0], ((mine[i] as unknown[]) ?? [])[0]));
    }
    // fields_get answers are metadata keyed by field name, not records
    return this.compare(method === 'fields_get' ? undefined : model, undefined, recorded, mine, where);
  }

  private async compare(
    model: string | undefined,
    key: string | undefined,
    r: Json,
    m: Json,
    where: string,
  ): Promise<void> {
    const fail = (why: string): void => {
      this.mismatches.push(`${where}: ${why}: recorded ${JSON.stringify(r)} vs sandbox ${JSON.stringify(m)}`);
    };
    if (key && VOLATILE_KEYS.has(key)) {
      if (typeof r === 'string' && typeof m === 'string') this.times.set(r, m);
      if (typeof r !== typeof m) fail('timestamp kind differs');
      return;
    }
    if (Array.isArray(r)) {
      if (!Array.isArray(m) || r.length !== m.length) return fail('array length differs');
      for (let i = 0; i < r.length; i++) await this.compare(model, key, r[i], m[i], `${where}[${i}]`);
      return;
    }
    if (r && typeof r === 'object') {
      if (!m || typeof m !== 'object' || Array.isArray(m)) return fail('object expected');
      const ro = r as Record<string, unknown>;
      const mo = m as Record<string, unknown>;
      const rk = Object.keys(ro).sort();
      const mk = Object.keys(mo).sort();
      if (rk.join() !== mk.join()) return fail(`keys differ (${rk.join()} | ${mk.join()})`);
      const fields = model ? await this.fieldsOf(model) : {};
      const isAction = typeof ro.type === 'string' && String(ro.type).startsWith('ir.actions');
      if (model && typeof ro.id === 'number' && !isAction) {
        const expected = this.mapId(model, ro.id);
        if (expected === ro.id && this.ids.get(model)?.has(ro.id) !== true) this.learn(model, ro.id, mo.id);
        else if (expected !== mo.id)
          fail(`id ${String(ro.id)} maps to ${String(expected)}, sandbox has ${String(mo.id)}`);
      }
      for (const k of rk) {
        if (k === 'id' && model && !isAction) continue;
        const path = `${where}.${k}`;
        if (k === 'debug') {
          if (!String(mo[k]).startsWith('Traceback (most recent call last):'))
            fail('debug is not a traceback');
          continue;
        }
        if (isAction && k === 'res_id') {
          this.learn(String(ro.res_model), ro[k], mo[k]);
          if (this.mapId(String(ro.res_model), ro[k]) !== mo[k])
            this.mismatches.push(`${path}: res_id differs`);
          continue;
        }
        if (isAction && k === 'context' && ro.context && typeof ro.context === 'object') {
          await this.compareContext(
            ro.context as Record<string, unknown>,
            mo.context as Record<string, unknown>,
            path,
            String(ro.res_model),
          );
          continue;
        }
        const f = fields[k];
        const relationalValue = Array.isArray(ro[k]) || ro[k] === false;
        if (
          relationalValue &&
          f?.relation &&
          (f.type === 'many2one' || f.type === 'one2many' || f.type === 'many2many')
        ) {
          await this.compareRelational(f, ro[k], mo[k], path);
          continue;
        }
        await this.compare(undefined, k, ro[k], mo[k], path);
      }
      return;
    }
    if (typeof r === 'string' && DATETIME.test(r)) {
      if (typeof m === 'string') this.times.set(r, m);
      return;
    }
    if (r !== m) fail('value differs');
  }

  private async compareRelational(f: FieldInfo, r: Json, m: Json, where: string): Promise<void> {
    const rel = f.relation!;
    if (f.type === 'many2one') {
      if (r === false || m === false) {
        if (r !== m)
          this.mismatches.push(
            `${where}: many2one set/unset differs: ${JSON.stringify(r)} vs ${JSON.stringify(m)}`,
          );
        return;
      }
      const [rid, rname] = r as [number, string];
      const [mid, mname] = m as [number, string];
      this.learn(rel, rid, mid);
      if (this.mapId(rel, rid) !== mid)
        this.mismatches.push(
          `${where}: ${rel} id ${rid} maps to ${String(this.mapId(rel, rid))}, sandbox ${mid}`,
        );
      if (rname !== mname)
        this.mismatches.push(`${where}: display name ${JSON.stringify(rname)} vs ${JSON.stringify(mname)}`);
      return;
    }
    const ra = (r as number[]) ?? [];
    const ma = (m as number[]) ?? [];
    if (ra.length !== ma.length) {
      this.mismatches.push(`${where}: ${rel} ids ${JSON.stringify(ra)} vs ${JSON.stringify(ma)}`);
      return;
    }
    ra.forEach((id, i) => this.learn(rel, id, ma[i]));
    ra.forEach((id, i) => {
      if (this.mapId(rel, id) !== ma[i])
        this.mismatches.push(
          `${where}[${i}]: ${rel} id ${id} maps to ${String(this.mapId(rel, id))}, sandbox ${String(ma[i])}`,
        );
    });
  }

  private async compareContext(
    r: Record<string, unknown>,
    m: Record<string, unknown> | undefined,
    where: string,
    resModel: string,
  ): Promise<void> {
    if (!m) return void this.mismatches.push(`${where}: context missing`);
    const rk = Object.keys(r).sort().join();
    const mk = Object.keys(m).sort().join();
    if (rk !== mk) return void this.mismatches.push(`${where}: context keys ${rk} vs ${mk}`);
    for (const [k, v] of Object.entries(r)) {
      const rel =
        k === 'active_id' || k === 'active_ids'
          ? String(r.active_model ?? resModel)
          : k === 'default_pick_ids'
            ? 'stock.picking'
            : CONTEXT_IDS[k];
      const mapped =
        k === 'default_pick_ids'
          ? (v as [number, number][]).map(([c, id]) => [c, this.mapId(rel, id)])
          : rel
            ? this.mapIds(rel, v)
            : v;
      if (JSON.stringify(mapped) !== JSON.stringify(m[k]))
        this.mismatches.push(`${where}.${k}: ${JSON.stringify(mapped)} vs ${JSON.stringify(m[k])}`);
    }
  }
}
