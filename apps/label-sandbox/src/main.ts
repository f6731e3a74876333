import { startLabelSandbox } from './server.js';

/** `pnpm --filter @temu-odoo/label-sandbox start`: the sandbox on LABEL_SANDBOX_PORT (4030). */
const port = Number(process.env.LABEL_SANDBOX_PORT ?? 4030);
const apiKey = process.env.LABEL_SANDBOX_API_KEY ?? 'sandbox-label-key';
const sandbox = await startLabelSandbox({
  apiKey,
  port,
  host: process.env.LABEL_SANDBOX_HOST ?? '127.0.0.1',
});
process.stdout.write(`label sandbox on ${sandbox.url}\n`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
