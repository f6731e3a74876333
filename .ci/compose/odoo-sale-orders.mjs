/* global AbortSignal */
// Prints how many sale orders carrying a Temu order reference (client_order_ref, set by the worker)
// the Odoo at argv[2] holds, asked the way any Odoo client asks: JSON-RPC login, then execute_kw.
// Credentials are the demo's (docker-compose.override.yml). Exit 1 with the reason on any error.
const [url, db = 'odoo', login = 'admin', password = 'admin'] = process.argv.slice(2);

async function call(service, method, args) {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: { service, method, args } }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${service}.${method}: ${body.error.data?.message ?? body.error.message}`);
  return body.result;
}

try {
  const uid = await call('common', 'login', [db, login, password]);
  if (!uid) throw new Error(`login refused for ${login} on ${db}`);
  const count = await call('object', 'execute_kw', [
    db,
    uid,
    password,
    'sale.order',
    'search_count',
    [[['client_order_ref', '!=', false]]],
  ]);
  console.log(count);
} catch (err) {
  console.error(`${url}: ${err.cause?.code ?? err.message}`);
  process.exit(1);
}
