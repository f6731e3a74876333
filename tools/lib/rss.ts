import fs from 'node:fs';

/** Peak resident set size of a live process in MiB (Linux `/proc/<pid>/status` VmHWM), or null. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null; // exited, or not Linux
  }
}
