/** What the numbers were measured on: they mean nothing without it. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';

export interface MachineInfo {
  cpu: string;
  cores: number;
  cpuFlags: string[];
  ramGiB: number;
  os: string;
  node: string;
  transformers: string;
  onnxruntimeNode: string;
  onnxruntimeWeb: string;
  orama: string;
  date: string;
  /** Scheduling priority (nice) of the runner: a negative value shields it from other processes on a shared machine. */
  nice: number;
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? '?';
  } catch {
    return 'not installed';
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty}, kernel ${os.release()}`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()}`;
}

/** The SIMD extensions that decide ONNX Runtime's int8 and fp32 kernels. */
function cpuFlags(): string[] {
  try {
    const flags = /^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? [];
    return ['avx2', 'avx512f', 'avx512_vnni', 'avx_vnni', 'amx_int8'].filter((f) => flags.includes(f));
  } catch {
    return [];
  }
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpuFlags: cpuFlags(),
    ramGiB: os.totalmem() / 1024 ** 3,
    os: osName(),
    node: process.version,
    transformers: packageVersion('@huggingface/transformers'),
    onnxruntimeNode: packageVersion('onnxruntime-node'),
    onnxruntimeWeb: packageVersion('onnxruntime-web'),
    orama: packageVersion('@orama/orama'),
    date: new Date().toISOString(),
    nice: os.getPriority(),
  };
}

export function describeMachine(m: MachineInfo): string {
  const flags = m.cpuFlags.length > 0 ? ` (${m.cpuFlags.join(', ')})` : '';
  return `${m.cpu}${flags}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}; Node ${m.node}, transformers.js ${m.transformers}, onnxruntime-node ${m.onnxruntimeNode}, onnxruntime-web ${m.onnxruntimeWeb}, Orama ${m.orama}`;
}
