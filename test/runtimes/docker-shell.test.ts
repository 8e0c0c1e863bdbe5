/**
 * The shell the docker runtime keeps open in each node's network holder (docker-shell.ts), on a real
 * holder container: each command's stdout comes back whole (also without a final newline), commands
 * sent at once are answered in order, a non-zero exit rejects with its stderr, input reaches the
 * command as a here-document, a command that reads stdin cannot take the shell's next lines, and the
 * clock offset line (docker-clock.ts) leaves the file in place with the offset. The container is
 * removed in afterAll, pass or fail.
 */
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { offsetLine } from '../../src/runtimes/docker-clock.js';
import { engine, RUN_LABEL } from '../../src/runtimes/docker-engine.js';
import { holderRootfs } from '../../src/runtimes/docker-holder-rootfs.js';
import { buildImage, imageExists, imageTag } from '../../src/runtimes/docker-image.js';
import { ContainerShell } from '../../src/runtimes/docker-shell.js';
import { describeWith, dockerFacilities } from '../support/facility.js';

const fs = holderRootfs();
let container: Docker.Container | undefined;
let shell: ContainerShell;

describeWith(dockerFacilities, 'a shell kept open in a holder container', () => {
  beforeAll(async () => {
    const d = engine();
    const image = imageTag('holder', fs);
    if (!(await imageExists(d, image))) await buildImage(d, image, fs);
    container = await d.createContainer({
      name: `faultline-shell-test-${randomBytes(4).toString('hex')}`, Image: image, Entrypoint: [fs.command[0]!], Cmd: fs.command.slice(1),
      Labels: { [RUN_LABEL]: 'shell-test' }, HostConfig: { NetworkMode: 'none' },
    });
    await container.start();
    shell = await ContainerShell.open(d, container, fs.tools.sh);
  }, 120_000);
  afterAll(async () => {
    await container?.remove({ force: true, v: true });
  });

  it('answers each command with its whole stdout, in order', async () => {
    const outs = await Promise.all([shell.run("printf 'a\\nb\\n'"), shell.run('printf no-newline'), shell.run('true'), shell.run('echo $((6 * 7))')]);
    expect(outs).toEqual(['a\nb\n', 'no-newline', '', '42\n']);
  });

  it('rejects a non-zero exit with its stderr, and goes on', async () => {
    await expect(shell.run('echo broken >&2; exit_code() { return 3; }; exit_code')).rejects.toThrow(/exited with code 3: broken/);
    expect(await shell.run('echo still')).toBe('still\n');
  });

  it('gives input as a here-document; a command reading stdin otherwise reads nothing', async () => {
    expect(await shell.run('read a; read b; printf "%s+%s" "$a" "$b"', 'one\ntwo\n')).toBe('one+two');
    const [read, next] = await Promise.all([shell.run('read x; printf "[%s]" "$x"'), shell.run('printf next')]);
    expect(read).toBe('[]');
    expect(next).toBe('next');
  });

  it('writes a clock offset file at once', async () => {
    await shell.run(offsetLine(fs.tools.mv, '/tmp/n1.clock-offset-ms', -1500.4));
    expect(await shell.run('read v < /tmp/n1.clock-offset-ms; printf %s "$v"; for f in /tmp/*; do printf " %s" "$f"; done')).toBe('-1500 /tmp/n1.clock-offset-ms');
  });
});
