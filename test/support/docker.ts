/** What is left on the Docker engine of a docker run: for tests that check nothing was left behind. */
import { execFileSync } from 'node:child_process';
import type { DockerRecord } from '../../src/runtimes/docker-record.js';

const lines = (args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).split('\n').filter(Boolean);

/** True when the engine has image `name`. */
export function imagePresent(name: string): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every container, volume and network labelled with the run's id, and each image it was to remove that is still there, named. */
export function leftOfDockerRun(rec: DockerRecord): string[] {
  const label = `label=faultline.run=${rec.run}`;
  return [
    ...lines(['ps', '-a', '--filter', label, '--format', 'container {{.Names}}']),
    ...lines(['volume', 'ls', '--filter', label, '--format', 'volume {{.Name}}']),
    ...lines(['network', 'ls', '--filter', label, '--format', 'network {{.Name}}']),
    ...(rec.removeImages ?? []).filter(imagePresent).map((i) => `image ${i}`),
  ];
}
