import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kustomizeBuild } from './kustomize.js';
import { fleetProblems, schemaProblems } from './validate.js';

/**
 * `pnpm check:k8s`: renders every overlay in deploy/k8s and checks each object against the
 * Kubernetes/KEDA schemas and the fleet's rules (tools/k8s/validate.ts). No kubectl, no cluster.
 * Exits 1 naming every problem. `--print <overlay>` writes the rendered YAML instead.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Secrets each overlay expects to exist already (made with `kubectl create secret`, README). */
export const OVERLAYS: Record<string, { externalSecrets: string[] }> = {
  production: { externalSecrets: ['temu-odoo-secrets', 'temu-odoo-shops'] },
  staging: { externalSecrets: [] },
};

export function checkOverlay(
  dir: string,
  externalSecrets: string[],
): { objects: number; problems: string[] } {
  const objects = kustomizeBuild(dir);
  return {
    objects: objects.length,
    problems: [...schemaProblems(objects), ...fleetProblems(objects, { externalSecrets })],
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--print') {
    const { stringify } = await import('yaml');
    const objects = kustomizeBuild(path.join(root, 'deploy/k8s/overlays', args[1] ?? 'production'));
    process.stdout.write(objects.map((o) => stringify(o)).join('---\n'));
    return;
  }
  let failed = false;
  for (const [name, { externalSecrets }] of Object.entries(OVERLAYS)) {
    const dir = path.join(root, 'deploy/k8s/overlays', name);
    try {
      const { objects, problems } = checkOverlay(dir, externalSecrets);
      if (problems.length) {
        failed = true;
        console.error(`deploy/k8s/overlays/${name}: ${problems.length} problem(s)`);
        for (const p of problems) console.error(`  - ${p}`);
      } else console.log(`deploy/k8s/overlays/${name}: ${objects} objects valid`);
    } catch (err) {
      failed = true;
      console.error(`deploy/k8s/overlays/${name}: ${(err as Error).message}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
