import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../server/cli/main.ts';
import { inject, list } from '../../support/minimalScenario.ts';
import { CLEAN, cleanWith, lineOf } from './checkSupport.ts';

const ROGUE = fileURLToPath(new URL('../../../scenarios/rogue-certificates.yaml', import.meta.url));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

function scenarioFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'simcell-check-')), 'planted.yaml');
  writeFileSync(file, text);
  return file;
}

describe('simcell check', () => {
  it('[K1] passes a bundled scenario with exit 0 and says how many paths and states it explored within which bound', async () => {
    const { code, out, err } = await run('check', ROGUE);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^.*rogue-certificates\.yaml: ok — rogue-certificates: explored [\d,]+ paths and [\d,]+ states \(bound 2,000 paths, 200,000 states\); every phase, inject, action, transition, objective, expectation and indicator effect reached\n$/,
    );
  });

  it('[K2] prints file:line:column: message and a hint for each finding, and exits 1', async () => {
    const text = cleanWith({ timeline: `${CLEAN.timeline}\n${list(2, inject('too-late', 'at: PT3H'))}` });
    const file = scenarioFile(text);
    const { code, out, err } = await run('check', file);
    expect(code).toBe(1);
    expect(err).toBe(
      `${file}:${lineOf(text, 'id: too-late')}:5: inject "too-late" is never delivered: no path reaches it [K2]\n  hint: it is due at PT3H, after the exercise ends (duration PT2H) [T6]\n`,
    );
    expect(out).toMatch(/planted\.yaml: 1 problem — minimal: explored [\d,]+ paths and [\d,]+ states: every path within reach/);
  });

  it('[K1] states the bound it stopped at', async () => {
    const file = scenarioFile(cleanWith({ timeline: `${CLEAN.timeline}\n${list(2, inject('too-late', 'at: PT3H'))}` }));
    const { code, out } = await run('check', file, '--max-paths', '1');
    expect(code).toBe(1);
    expect(out).toContain('explored 1 path and');
    expect(out).toContain('then stopped at its bound (bound 1 path, 200,000 states): "never" in a finding means on no explored path');
  });

  it('[K7] reports a recipient that is not an organisation of the scenario at its line, through validation, and explores nothing', async () => {
    const text = cleanWith({ timeline: list(2, inject('headline', 'at: PT20M, channel: news, to: [ncsc, police]')) });
    const file = scenarioFile(text);
    const { code, out, err } = await run('check', file);
    expect(code).toBe(1);
    const line = lineOf(text, 'id: headline');
    const column = text.split('\n')[line - 1]!.indexOf('police') + 1;
    expect(err).toContain(`${file}:${line}:${column}: unknown organisation "police"`);
    expect(err).toContain('not explored: fix what validation found first');
    expect(out).toBe('');
  });

  it.each([
    [['check'], 'name at least one scenario file'],
    [['check', ROGUE, '--max-paths', '0'], '--max-paths takes a whole number from 1 to 999999999, not "0"'],
    [['check', ROGUE, '--depth', '3'], 'unknown option --depth'],
  ])('usage errors exit 2 and say what is wrong: %s', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
