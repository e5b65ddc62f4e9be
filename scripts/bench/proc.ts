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
