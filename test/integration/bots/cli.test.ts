import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function runCli(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bots/cli/nlu.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run nlu', () => {
  it('turns JSON lines into interpretations, in order, surviving bad lines', async () => {
    // Prepare
    const input = [
      JSON.stringify({ text: '4 units of O neg packed cells stat' }),
      'not json',
      JSON.stringify({ text: 'book me in for tomorrow at 10am' }),
      JSON.stringify({ nope: 1 }),
      JSON.stringify({ text: 'Y', activeContexts: ['shortageAlert'] }),
    ].join('\n');

    // Act
    const { code, stdout } = await runCli(['--now', '2026-11-24T10:00:00Z'], `${input}\n`);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

    // Assess
    expect(code).toBe(0);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({
      intent: 'RequestUnits',
      slots: { units: '4', bloodGroup: 'O-', component: 'red_cells', urgency: 'emergency' },
    });
    expect(typeof lines[0].confidence).toBe('number');
    expect(lines[1]).toEqual({ error: expect.any(String) });
    expect(lines[2]).toMatchObject({
      intent: 'ScheduleDonation',
      slots: { date: '2026-11-25', time: '10:00' },
    });
    expect(lines[3]).toEqual({ error: expect.any(String) });
    expect(lines[4]).toMatchObject({ intent: 'RespondToAlert', slots: { answer: 'yes' } });
  });

  it.each([[[]], [['--now', 'yesterday']], [['--now']]])(
    'exits 2 when --now is missing or invalid (%j)',
    async (args) => {
      // Act
      const { code, stdout, stderr } = await runCli(args, '');

      // Assess
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/--now/);
    },
  );
});
