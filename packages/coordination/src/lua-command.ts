import type { Redis } from 'ioredis';

/** A Lua script bound to one connection: keys first, then arguments, as the script reads them. */
export type LuaCommand = (...keysAndArgs: Array<string | number>) => Promise<unknown>;

/**
 * Registers `lua` on the connection once as the command `name` (ioredis `defineCommand`): calls then
 * send EVALSHA, and ioredis loads the script again by itself only when Redis answers NOSCRIPT (after
 * a restart or SCRIPT FLUSH). Sending the whole script with EVAL on every call, as before, cost
 * Redis a parse and a compile per call. Without `numberOfKeys` the first argument is the key count
 * (scripts over a variable number of keys). Names are prefixed with `coord` so that they can never
 * shadow a Redis command method of the client.
 */
export function luaCommand(redis: Redis, name: string, lua: string, numberOfKeys?: number): LuaCommand {
  const commandName = `coord${name[0]!.toUpperCase()}${name.slice(1)}`;
  const host = redis as unknown as Record<string, LuaCommand | undefined>;
  if (typeof host[commandName] !== 'function') {
    redis.defineCommand(commandName, numberOfKeys === undefined ? { lua } : { lua, numberOfKeys });
  }
  return (...keysAndArgs) => (host[commandName] as LuaCommand).apply(redis, keysAndArgs);
}
