/**
 * Scrap validation replayed against the real Odoo 17.0/18.0 recording `stock_scrap_ageing`: the replay
 * server answers only requests identical to the recorded ones, so this passes only if the client
 * validates a scrap and confirms the insufficient-quantity wizard with exactly the recorded calls.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooConnection } from '../src/index.js';
import { validateScrap } from '../src/erp/scrap-validate.js';
import { FIXTURE_VERSIONS, loadFlow } from './support/fixtures.js';
import { startReplayServer, type ReplayServer } from './support/replay-server.js';

describe.each(FIXTURE_VERSIONS)('scrap validation replayed against real Odoo %s', (version) => {
  const auth = loadFlow(version, 'auth');
  const scrap = loadFlow(version, 'stock_scrap_ageing');
  const step = (prefix: string) => scrap.exchanges.find((e) => e.step.startsWith(prefix))!;
  let server: ReplayServer;

  beforeAll(async () => {
    server = await startReplayServer([...auth.exchanges, ...scrap.exchanges]);
  });
  afterAll(() => server.close());

  const connect = async () => {
    const conn = new OdooConnection({
      url: server.url,
      db: scrap.db,
      username: 'admin',
      password: 'admin',
      protocol: 'jsonrpc',
      retry: { retries: 0 },
    });
    await conn.connect();
    return conn;
  };
  const objectCallsSince = (n: number) =>
    server.received.slice(n).filter((p) => (p as { service: string }).service === 'object');

  it('with stock: action_validate answers true and nothing follows', async () => {
    const conn = await connect();
    const before = server.received.length;
    await expect(validateScrap(conn, 1, 'scrap 1')).resolves.toBeUndefined();
    // recorded scrap 1 (DEMO-0002-BLACK, 52 on hand): one call, answered true
    expect(objectCallsSince(before)).toEqual([step('action_validate scrap').request.params]);
  });

  it('without stock: the wizard is created from the action context and action_done confirms it', async () => {
    const conn = await connect();
    const before = server.received.length;
    await expect(validateScrap(conn, 2, 'scrap 2')).resolves.toBeUndefined();
    // recorded scrap 2 (REC-SCRAP-ZERO, 0 on hand): validate → wizard action, create({}) with its
    // context → wizard 1, action_done([1]) with the same context → true
    expect(objectCallsSince(before)).toEqual([
      step('action_validate scrap with insufficient stock').request.params,
      step('create stock.warn.insufficient.qty.scrap').request.params,
      step('action_done on the wizard').request.params,
    ]);
  });
});
