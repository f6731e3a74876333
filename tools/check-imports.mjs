// The house drawn from imports (#18): fails if (a) workspace packages import each other in a cycle,
// or files inside a package do, or (b) packages/core imports one of our packages or an I/O library.
// A plain walker over src/ (no dependency): relative imports and `@temu-odoo/*` specifiers are all
// it needs to see, and it runs in `pnpm lint` in well under a second.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CORE_FORBIDDEN = [
  /^@temu-odoo\//,
  /^(got|ioredis|bullmq|json-rpc-2\.0|express)$/,
  /^(node:)?(http|https|net|fs|fs\/promises|child_process)$/,
];
const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s+(type\s)?[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

function specifiers(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT_RE)].map((m) => ({ spec: m[2] ?? m[3], typeOnly: Boolean(m[1]) }));
}

/** Returns one cycle (list of nodes) if the graph has any. */
function findCycle(graph) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys())
    if (!state.has(node)) {
      const c = visit(node);
      if (c) return c;
    }
  return undefined;
}

const problems = [];
const packageGraph = new Map();
const packageDirs = ['packages', 'apps'].flatMap((top) =>
  readdirSync(path.join(ROOT, top))
    .map((d) => path.join(ROOT, top, d))
    .filter((d) => existsSync(path.join(d, 'package.json'))),
);
for (const dir of packageDirs) {
  const name = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name;
  const fileGraph = new Map();
  const uses = new Set();
  for (const file of tsFiles(path.join(dir, 'src'))) {
    const edges = [];
    for (const { spec, typeOnly } of specifiers(file)) {
      // `import type` is erased at compile time, so a type-only loop cannot run in a bad order.
      if (spec.startsWith('.') && !typeOnly) {
        const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
        edges.push(existsSync(target) ? target : path.join(target, 'index.ts'));
      } else if (spec.startsWith('@temu-odoo/')) {
        // between packages every import counts, types too: a package must not need its dependant.
        uses.add(spec.split('/').slice(0, 2).join('/'));
      }
      if (name === '@temu-odoo/core' && CORE_FORBIDDEN.some((re) => re.test(spec))) {
        problems.push(
          `packages/core must not import '${spec}' (${path.relative(ROOT, file)}): core imports nothing of ours and no I/O library`,
        );
      }
    }
    fileGraph.set(file, edges);
  }
  const cycle = findCycle(fileGraph);
  if (cycle)
    problems.push(`import cycle inside ${name}: ${cycle.map((f) => path.relative(ROOT, f)).join(' -> ')}`);
  uses.delete(name);
  packageGraph.set(name, [...uses]);
}
const packageCycle = findCycle(packageGraph);
if (packageCycle) problems.push(`import cycle between packages: ${packageCycle.join(' -> ')}`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `imports: ${packageGraph.size} packages, no cycle; core imports nothing of ours and no I/O library`,
);
