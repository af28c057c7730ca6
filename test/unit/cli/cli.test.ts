import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { FIXTURE } from '../../support/scenarioText.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('simcell CLI', () => {
  it('validate prints one line per valid file and exits 0', async () => {
    const { code, out } = await run('validate', FIXTURE);
    expect(code).toBe(0);
    expect(out).toBe(`${FIXTURE}: ok — two-banks: 4 organisations (1 simulated), 8 injects, 4 phases, 4 actions, 3 objectives`);
  });

  it('validate prints file:line:column: message and a hint, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simcell-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'id: x\ntitle: { en: X }\nsummary: { en: S }\nlanguages: [en]\nduration: soon\norganisations: []\nphases: {}\n');
    const { code, err } = await run('validate', file, FIXTURE);
    expect(code).toBe(1);
    expect(err).toContain(`${file}:5:11: "duration": "soon" is not a duration`);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('simulate --json prints one JSON document, identical for the same arguments', async () => {
    const a = await run('simulate', FIXTURE, '--seed', '9', '--policy', 'random', '--json');
    const b = await run('simulate', FIXTURE, '--policy', 'random', '--seed', '9', '--json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out)).toMatchObject({ scenario: 'two-banks', seed: 9, policy: 'random' });
  });

  it('simulate prints a readable timeline by default', async () => {
    const { out } = await run('simulate', FIXTURE, '--lang', 'nl');
    expect(out).toContain('Twee banken onder DDoS (two-banks) — policy expected, seed 1');
    expect(out).toMatch(/00:10 {2}✉ alert +TLP:AMBER +→ bank-a: Verkeerspiek/);
  });

  it.each([
    [['simulate', FIXTURE, '--policy', 'lazy'], '--policy is one of none, expected, random, not "lazy"'],
    [['simulate', FIXTURE, '--seed', '-3'], '--seed takes a whole number'],
    [['simulate', FIXTURE, '--speed', '3'], 'unknown option --speed'],
    [['simulate'], 'name one scenario file'],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('usage errors exit 2 and say what is wrong: %s', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
