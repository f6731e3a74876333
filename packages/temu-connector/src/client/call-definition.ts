import type { z } from 'zod';

/** One Temu API: its `type`, the business parameters it takes and the `result` it returns. */
export interface TemuCall<Req extends z.ZodType, Res extends z.ZodType> {
  readonly type: string;
  readonly request: Req;
  readonly response: Res;
}

export function defineCall<Req extends z.ZodType, Res extends z.ZodType>(
  call: TemuCall<Req, Res>,
): TemuCall<Req, Res> {
  return call;
}

export type CallRequest<C> = C extends TemuCall<infer Req, z.ZodType> ? z.input<Req> : never;
export type CallResult<C> = C extends TemuCall<z.ZodType, infer Res> ? z.output<Res> : never;
