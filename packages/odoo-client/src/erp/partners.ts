import { BadInputError, type Address, type CustomerInput, type CustomerRef } from '@temu-odoo/core';
import { chunk, m2oId, str, type Domain } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

interface PartnerRow {
  id: number;
  ref: string | false;
  email: string | false;
}

interface ChildRow {
  id: number;
  parent_id: [number, string] | false;
  name: string | false;
  street: string | false;
  street2: string | false;
  city: string | false;
  zip: string | false;
  country_id: [number, string] | false;
}

/**
 * Customers as `res.partner`: one top-level contact per customer key (stored in `ref`, found again by
 * `ref` or e-mail), and one child per distinct delivery address (`type='delivery'`) used as
 * `partner_shipping_id` (docs/odoo-api.md §2.1). Every step is one batched call for all customers.
 */
export class OdooPartners {
  readonly #conn: OdooConnection;
  readonly #chunkSize: number;
  /** Country by upper-case code or lower-case name; null = unknown to Odoo. */
  readonly #countries = new Map<string, number | null>();
  /** State by `countryId|lower code or name`. */
  readonly #states = new Map<string, number | null>();

  constructor(conn: OdooConnection, chunkSize: number) {
    this.#conn = conn;
    this.#chunkSize = chunkSize;
  }

  async findOrCreate(customers: CustomerInput[]): Promise<CustomerRef[]> {
    if (customers.length === 0) return [];
    customers.forEach((c, i) => {
      if (!c.key?.trim())
        throw new BadInputError(
          `customer #${i} has an empty key: give the buyer e-mail or name`,
          'ERR_ODOO_CUSTOMER_KEY',
        );
    });
    const byKey = new Map<string, CustomerInput>();
    for (const c of customers) if (!byKey.has(c.key)) byKey.set(c.key, c);
    await this.#resolvePlaces(customers.flatMap((c) => (c.address ? [c.address] : [])));

    const parents = await this.#findParents([...byKey.values()]);
    const missing = [...byKey.values()].filter((c) => !parents.has(c.key));
    for (const part of chunk(missing, this.#chunkSize)) {
      const ids = await this.#conn.create(
        'res.partner',
        part.map((c) => this.#parentVals(c)),
      );
      part.forEach((c, i) => parents.set(c.key, ids[i]!));
    }

    const delivery = await this.#deliveryAddresses(customers, parents);
    return customers.map((c) => {
      const partnerId = parents.get(c.key)!;
      return {
        key: c.key,
        partnerId,
        deliveryPartnerId: c.address ? delivery.get(this.#fingerprint(partnerId, c.address))! : partnerId,
      };
    });
  }

  /** Top-level partners by `ref` = key, or by e-mail when the partner has no key yet (created by hand). */
  async #findParents(customers: CustomerInput[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const part of chunk(customers, this.#chunkSize)) {
      const keys = part.map((c) => c.key);
      const emails = [
        ...new Set(
          part.flatMap((c) =>
            c.buyer.email ? [c.buyer.email.trim(), c.buyer.email.trim().toLowerCase()] : [],
          ),
        ),
      ];
      const domain: Domain = [['parent_id', '=', false]];
      if (emails.length > 0) domain.push('|', ['ref', 'in', keys], ['email', 'in', emails]);
      else domain.push(['ref', 'in', keys]);
      const rows = await this.#conn.searchRead<PartnerRow>('res.partner', domain, ['id', 'ref', 'email'], {
        order: 'id asc',
      });
      for (const c of part) {
        const byRef = rows.find((r) => r.ref === c.key);
        const email = c.buyer.email?.trim().toLowerCase();
        const byEmail = email
          ? rows.find((r) => !r.ref && typeof r.email === 'string' && r.email.trim().toLowerCase() === email)
          : undefined;
        const hit = byRef ?? byEmail;
        if (hit) found.set(c.key, hit.id);
      }
    }
    return found;
  }

  /** Existing delivery children matched by name+street+zip+city+country; missing ones created in one call. */
  async #deliveryAddresses(
    customers: CustomerInput[],
    parents: Map<string, number>,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    const wanted = new Map<string, { parentId: number; address: Address; customer: CustomerInput }>();
    for (const c of customers) {
      if (!c.address) continue;
      const parentId = parents.get(c.key)!;
      wanted.set(this.#fingerprint(parentId, c.address), { parentId, address: c.address, customer: c });
    }
    if (wanted.size === 0) return result;
    const parentIds = [...new Set([...wanted.values()].map((w) => w.parentId))];
    for (const part of chunk(parentIds, this.#chunkSize)) {
      const rows = await this.#conn.searchRead<ChildRow>(
        'res.partner',
        [
          ['parent_id', 'in', part],
          ['type', '=', 'delivery'],
        ],
        ['id', 'parent_id', 'name', 'street', 'street2', 'city', 'zip', 'country_id'],
        { order: 'id asc' },
      );
      for (const r of rows) {
        const fp = fingerprintOf(
          m2oId(r.parent_id) ?? 0,
          str(r.name),
          str(r.street),
          str(r.street2),
          str(r.city),
          str(r.zip),
          m2oId(r.country_id),
        );
        if (!result.has(fp)) result.set(fp, r.id);
      }
    }
    const toCreate = [...wanted.entries()].filter(([fp]) => !result.has(fp));
    for (const part of chunk(toCreate, this.#chunkSize)) {
      const ids = await this.#conn.create(
        'res.partner',
        part.map(([, w]) => ({
          parent_id: w.parentId,
          type: 'delivery',
          ...this.#addressVals(w.address, w.customer),
        })),
      );
      part.forEach(([fp], i) => result.set(fp, ids[i]!));
    }
    return result;
  }

  #parentVals(c: CustomerInput): Record<string, unknown> {
    const name = c.buyer.name?.trim() || c.address?.name?.trim() || c.key;
    return {
      ...(c.address ? this.#addressVals(c.address, c) : {}),
      name,
      ref: c.key,
      ...(c.buyer.email ? { email: c.buyer.email.trim() } : {}),
      ...(c.buyer.phone ? { phone: c.buyer.phone } : {}),
    };
  }

  #addressVals(a: Address, c: CustomerInput): Record<string, unknown> {
    const countryId = this.#countryId(a.country);
    const stateId =
      countryId && a.state ? this.#states.get(`${countryId}|${a.state.trim().toLowerCase()}`) : null;
    return {
      name: a.name?.trim() || c.buyer.name?.trim() || c.key,
      street: a.street || false,
      street2: a.street2 || false,
      city: a.city || false,
      zip: a.zip || false,
      ...(countryId ? { country_id: countryId } : {}),
      ...(stateId ? { state_id: stateId } : {}),
      ...(a.phone || c.buyer.phone ? { phone: a.phone ?? c.buyer.phone } : {}),
      ...(a.email ? { email: a.email } : {}),
    };
  }

  #fingerprint(parentId: number, a: Address): string {
    return fingerprintOf(
      parentId,
      a.name?.trim() || null,
      a.street || null,
      a.street2 || null,
      a.city || null,
      a.zip || null,
      this.#countryId(a.country),
    );
  }

  #countryId(country: string): number | null {
    const c = country?.trim();
    if (!c) return null;
    return this.#countries.get(c.toUpperCase()) ?? this.#countries.get(c.toLowerCase()) ?? null;
  }

  /** Countries by ISO code or name, then states by code or name, each in one call; cached. */
  async #resolvePlaces(addresses: Address[]): Promise<void> {
    const countries = [
      ...new Set(addresses.map((a) => a.country?.trim()).filter((c): c is string => !!c)),
    ].filter((c) => !this.#countries.has(c.toUpperCase()) && !this.#countries.has(c.toLowerCase()));
    if (countries.length > 0) {
      const codes = countries.filter((c) => c.length === 2).map((c) => c.toUpperCase());
      const names = countries.filter((c) => c.length !== 2);
      const domain: Domain =
        codes.length && names.length
          ? ['|', ['code', 'in', codes], ['name', 'in', names]]
          : codes.length
            ? [['code', 'in', codes]]
            : [['name', 'in', names]];
      const rows = await this.#conn.searchRead<{ id: number; code: string; name: string }>(
        'res.country',
        domain,
        ['id', 'code', 'name'],
      );
      for (const r of rows) {
        this.#countries.set(String(r.code).toUpperCase(), r.id);
        this.#countries.set(String(r.name).toLowerCase(), r.id);
      }
      for (const c of countries)
        if (this.#countryId(c) === null)
          this.#countries.set(c.length === 2 ? c.toUpperCase() : c.toLowerCase(), null);
    }
    const pending = new Map<number, Set<string>>();
    for (const a of addresses) {
      const countryId = this.#countryId(a.country);
      const s = a.state?.trim();
      if (!countryId || !s || this.#states.has(`${countryId}|${s.toLowerCase()}`)) continue;
      const set = pending.get(countryId) ?? new Set<string>();
      set.add(s);
      pending.set(countryId, set);
    }
    if (pending.size === 0) return;
    const values = [
      ...new Set([...pending.values()].flatMap((s) => [...s].flatMap((v) => [v, v.toUpperCase()]))),
    ];
    const rows = await this.#conn.searchRead<{
      id: number;
      code: string;
      name: string;
      country_id: [number, string];
    }>(
      'res.country.state',
      [['country_id', 'in', [...pending.keys()]], '|', ['code', 'in', values], ['name', 'in', values]],
      ['id', 'code', 'name', 'country_id'],
    );
    for (const r of rows) {
      const cid = m2oId(r.country_id);
      this.#states.set(`${cid}|${String(r.code).toLowerCase()}`, r.id);
      this.#states.set(`${cid}|${String(r.name).toLowerCase()}`, r.id);
    }
    for (const [cid, set] of pending)
      for (const s of set)
        if (!this.#states.has(`${cid}|${s.toLowerCase()}`))
          this.#states.set(`${cid}|${s.toLowerCase()}`, null);
  }
}

function norm(v: string | null): string {
  return (v ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

function fingerprintOf(
  parentId: number,
  name: string | null,
  street: string | null,
  street2: string | null,
  city: string | null,
  zip: string | null,
  countryId: number | null,
): string {
  return [parentId, norm(name), norm(street), norm(street2), norm(city), norm(zip), countryId ?? ''].join(
    '|',
  );
}
