/** Memory and CPU of the current process, read the way `top` and the kernel report them. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MemoryReading {
  /** Resident set now, MB. */
  rssMB: number;
  /** Peak resident set since the process started (VmHWM), MB. */
  peakMB: number;
}

export function memory(): MemoryReading {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
  } catch {
    // Not Linux: maxRSS is the same peak figure (kB), and the current RSS comes from V8's view.
    return { rssMB: process.memoryUsage().rss / 1048576, peakMB: process.resourceUsage().maxRSS / 1024 };
  }
}

/** Measures how many cores a piece of work kept busy: process CPU time over wall time. */
export function cpuMeter(): () => { wallMs: number; cpuMs: number; cores: number } {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  return () => {
    const wallMs = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { wallMs, cpuMs, cores: cpuMs / wallMs };
  };
}

/** 1-minute load average (0 where the platform has none). */
export function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}

/** Share of all cores' time spent idle over `ms` (Linux /proc/stat; 1 elsewhere). */
export async function idleShare(ms: number): Promise<number> {
  const read = (): [number, number] | null => {
    try {
      const fields = /^cpu\s+(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]?.trim().split(/\s+/).map(Number) ?? [];
      const total = fields.reduce((a, b) => a + b, 0);
      // idle + iowait
      return [total, (fields[3] ?? 0) + (fields[4] ?? 0)];
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = read();
  if (!a || !b || b[0] === a[0]) return 1;
  return (b[1] - a[1]) / (b[0] - a[0]);
}
