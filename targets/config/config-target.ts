/**
 * Target config files: `--target ./path/to/target.yaml` loads a target described in JSON or YAML
 * (schema.ts) and turns it into a `Target` like any in the registry, so every runtime, workload and
 * nemesis works with it. Relative paths in the file (the program, a process client's program, and its
 * working directory) are taken from the file's own directory, so an example runs from anywhere.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfigFile } from '../../src/core/config-file.js';
import { UserError } from '../../src/core/errors.js';
import type { Program, Target } from '../../src/core/target.js';
import type { FaultKind } from '../../src/runtimes/runtime.js';
import { findOnPath } from '../../src/runtimes/host-program.js';
import { clientOps, openConfigClient } from './config-client.js';
import { configNodeSpec } from './node-spec.js';
import { probeReady } from './ready-probe.js';
import { targetConfigSchema, type TargetConfig } from './schema.js';

/** True when a `--target` value names a file rather than a registered target. */
export function isTargetFile(value: string): boolean {
  return value.includes('/') || /\.(json|ya?ml)$/i.test(value);
}

/** The node faults a file may turn off, by the key that does it. */
const NODE_FAULTS: Partial<Record<FaultKind, keyof TargetConfig['faults']>> = { kill: 'kill', stop: 'stop', pause: 'pause', 'power-loss': 'powerLoss' };

/** Why `config` (from `file`) refuses `fault`, or undefined. */
function refusal(config: TargetConfig, file: string, fault: FaultKind): string | undefined {
  const key = NODE_FAULTS[fault];
  if (key && config.faults[key] === false) return `target ${config.name} cannot take the ${fault} fault (${file} says faults.${key}: false)`;
  return undefined;
}

/** The file's program, a relative path taken from `baseDir`. */
function configProgram(config: TargetConfig, baseDir: string): Program {
  const b = config.program.binary;
  return { kind: 'binary', name: b.includes('/') && !isAbsolute(b) ? resolve(baseDir, b) : b, debianPackage: config.program.debianPackage };
}

/** Refuses a process client whose program is not there, before anything starts. */
function checkClientProgram(config: TargetConfig, file: string, baseDir: string): void {
  if (config.client.type !== 'process') return;
  const cmd = config.client.command[0]!;
  const path = cmd.includes('/') && !isAbsolute(cmd) ? resolve(baseDir, cmd) : cmd;
  if (!findOnPath(path)) throw new UserError(`${file}: client.command[0]: ${cmd} is not ${cmd.includes('/') ? `an executable file (${path})` : 'on PATH'}`);
}

/** Loads the target described in `file` (JSON or YAML); a bad file is a `UserError` naming file:line and field. */
export function loadConfigTarget(file: string): Target<Record<string, never>> {
  const config = loadConfigFile(file, targetConfigSchema);
  const baseDir = dirname(resolve(file));
  checkClientProgram(config, file, baseDir);
  const program = configProgram(config, baseDir);
  return {
    name: config.name,
    description: `${config.description} (from ${file}; client ${config.client.type})`,
    optionsSchema: z.strictObject({}) as unknown as z.ZodType<Record<string, never>>,
    ops: () => clientOps(config.client),
    ...(config.nodeCounts ? { nodeCounts: config.nodeCounts } : {}),
    perLinkPeers: config.faults.perLinkPeers,
    ...(config.faults.clock === 'none' ? {} : { clockSkew: config.faults.clock }),
    refusesFault: (fault) => refusal(config, file, fault),
    program: () => program,
    nodeSpec: (node, cluster) => configNodeSpec(config, node, cluster),
    isReady: (node, _opts, signal) => probeReady(config.ready, node, signal),
    openClient: (node, ctx) => openConfigClient(config.client, node, ctx, baseDir),
  };
}
