import { ApiError } from '../error-codes.js';
import { isLosslessNumber } from '../json.js';

type Raw = Record<string, unknown>;

/**
 * Typed readers over the lossless request body. Each family of APIs answers bad input with its own
 * documented code (e.g. 150010003 for goods, 130010001 for after-sales); the message names the
 * parameter and what is expected.
 */
export class Params {
  constructor(
    readonly raw: Raw,
    readonly errorCode: number,
    private readonly path = '',
  ) {}

  error(name: string, expected: string): ApiError {
    return new ApiError(this.errorCode, `${this.path}${name}: ${expected}`);
  }

  fail(name: string, expected: string): never {
    throw this.error(name, expected);
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  private numberText(name: string, v: unknown = this.raw[name]): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (isLosslessNumber(v)) return v.value;
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return v.trim();
    return this.fail(name, 'expected an integer');
  }

  int(name: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const t = this.numberText(name);
    if (t === undefined) return opts.required ? this.fail(name, 'is required') : undefined;
    if (!/^-?\d+$/.test(t)) this.fail(name, 'expected an integer');
    const n = Number(t);
    if (!Number.isSafeInteger(n)) this.fail(name, 'integer out of range');
    if (opts.min !== undefined && n < opts.min) this.fail(name, `must be ≥ ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) this.fail(name, `must be ≤ ${opts.max}`);
    return n;
  }

  requireInt(name: string, opts: { min?: number; max?: number } = {}): number {
    return this.int(name, { ...opts, required: true })!;
  }

  id(name: string, required = false, value: unknown = this.raw[name]): bigint | undefined {
    const t = this.numberText(name, value);
    if (t === undefined) return required ? this.fail(name, 'is required') : undefined;
    if (!/^\d{1,20}$/.test(t)) this.fail(name, 'expected a positive integer id');
    return BigInt(t);
  }

  requireId(name: string): bigint {
    return this.id(name, true)!;
  }

  str(name: string, required = false): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return required ? this.fail(name, 'is required') : undefined;
    if (typeof v === 'string') return v;
    if (isLosslessNumber(v)) return v.value;
    return this.fail(name, 'expected a string');
  }

  bool(name: string): boolean | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    return this.fail(name, 'expected true or false');
  }

  private array(name: string, max?: number): unknown[] | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return this.fail(name, 'expected an array');
    if (max !== undefined && v.length > max) this.fail(name, `at most ${max} items`);
    return v;
  }

  strList(name: string, max?: number): string[] | undefined {
    return this.array(name, max)?.map((v, i) => {
      if (typeof v !== 'string') this.fail(`${name}[${i}]`, 'expected a string');
      return v;
    });
  }

  idList(name: string, max?: number): bigint[] | undefined {
    const list = this.array(name, max);
    if (!list) return undefined;
    return list.map((v, i) => this.id(`${name}[${i}]`, true, v)!);
  }

  objects(name: string, max?: number): Params[] | undefined {
    return this.array(name, max)?.map((v, i) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v))
        this.fail(`${name}[${i}]`, 'expected an object');
      return new Params(v as Raw, this.errorCode, `${this.path}${name}[${i}].`);
    });
  }

  object(name: string): Params | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(name, 'expected an object');
    return new Params(v as Raw, this.errorCode, `${this.path}${name}.`);
  }
}

/** Page of `items` (1-based page numbers, as every Temu list API). */
export function page<T>(items: readonly T[], pageNumber: number, pageSize: number): T[] {
  return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}
